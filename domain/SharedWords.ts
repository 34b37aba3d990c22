import { type Found, wordFinder, type WordFinder } from "./WordFinder.ts"

/**
 * The literals that all patterns of a library look up (prefilter words, leading literals), found in one
 * pass per text and shared: a library's patterns all run over one text before the next, so the pass for
 * a text is remembered until another text comes. Words may be added until the first lookup and after it
 * (the table is then rebuilt); a word's id never changes.
 */
export interface SharedWords {
  readonly add: (word: string) => void
  readonly id: (word: string) => number
  /** Where the words occur in `text` (by word id). */
  readonly positions: (text: string) => Found
}

export const sharedWords = (): SharedWords => {
  const all = new Set<string>()
  let finder: WordFinder | undefined
  let lastText: string | undefined
  let found: Found | undefined
  const built = (): WordFinder => {
    if (finder === undefined || finder.words.length !== all.size) {
      finder = wordFinder(all)
      lastText = undefined
    }
    return finder
  }
  return {
    add: (word) => void all.add(word),
    id: (word) => {
      all.add(word)
      return built().id(word)!
    },
    positions: (text) => {
      const f = built()
      if (text !== lastText || found === undefined) {
        lastText = text
        found = f.scan(text)
      }
      return found
    }
  }
}
