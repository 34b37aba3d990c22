import { type Found, wordFinder, type WordFinder } from "./WordFinder.ts"

/**
 * The literals that all patterns of a library look up (prefilter words, leading literals), found in one
 * pass per text and shared: a library's patterns all run over one text before the next, so the pass for
 * a text is remembered until another text comes. Words may be added until the first lookup and after it
 * (the table is then rebuilt, once, at the next lookup); a word's id never changes.
 */
export interface SharedWords {
  readonly add: (word: string) => void
  readonly id: (word: string) => number
  /** A word's id if some caller added it, else -1 (without adding it). */
  readonly known: (word: string) => number
  /** Where the words occur in `text` (by word id). */
  readonly positions: (text: string) => Found
}

export const sharedWords = (): SharedWords => {
  // Ids are given in the order words first come, which is the order the finder numbers them in; so a new
  // word costs no rebuild until the next lookup of a text.
  const ids = new Map<string, number>()
  let finder: WordFinder | undefined
  let lastText: string | undefined
  let found: Found | undefined
  const add = (word: string): number => {
    let id = ids.get(word)
    if (id === undefined) ids.set(word, id = ids.size)
    return id
  }
  return {
    add: (word) => void add(word),
    id: add,
    known: (word) => ids.get(word) ?? -1,
    positions: (text) => {
      if (finder === undefined || finder.words.length !== ids.size) {
        finder = wordFinder(ids.keys())
        lastText = undefined
      }
      if (text !== lastText || found === undefined) {
        lastText = text
        found = finder.scan(text)
      }
      return found
    }
  }
}
