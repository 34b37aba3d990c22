/**
 * Which of a fixed set of words a text contains, in one left-to-right pass (Aho–Corasick). Branch A asks
 * this of every view for a few hundred words (the prefilter words of all patterns, the reversed and ROT13
 * gate words); one pass over a table costs a few nanoseconds a character, where a regular expression
 * alternation of all the words is tried at every position, and one `includes` per word reads the text
 * once per word.
 *
 * Words are matched as UTF-16 code units, exactly as `String.prototype.includes` does.
 */
export interface WordFinder {
  /** The words, deduplicated; `scan` reports by index into this array. */
  readonly words: ReadonlyArray<string>
  readonly id: (word: string) => number | undefined
  /** Per word, the index where it first occurs in the text (what `indexOf` gives), or -1. */
  readonly scan: (text: string) => Int32Array
}

export const wordFinder = (input: Iterable<string>): WordFinder => {
  const words = Array.from(new Set(input))
  const ids = new Map(words.map((w, i) => [w, i]))
  // Code units that occur in some word get a column of the table; every other one sends the scan to the root.
  const column = new Uint16Array(65536)
  let columns = 1
  for (const w of words) for (let i = 0; i < w.length; i++) if (column[w.charCodeAt(i)] === 0) column[w.charCodeAt(i)] = columns++

  // The trie, then breadth-first failure links folded into a full transition table.
  const children: Array<Map<number, number>> = [new Map()]
  const ends: Array<Array<number>> = [[]]
  words.forEach((w, id) => {
    let s = 0
    for (let i = 0; i < w.length; i++) {
      const c = column[w.charCodeAt(i)]!
      let next = children[s]!.get(c)
      if (next === undefined) {
        next = children.length
        children.push(new Map())
        ends.push([])
        children[s]!.set(c, next)
      }
      s = next
    }
    ends[s]!.push(id)
  })
  const states = children.length
  const delta = new Int32Array(states * columns)
  const fail = new Int32Array(states)
  const order: Array<number> = [0]
  for (let head = 0; head < order.length; head++) {
    const s = order[head]!
    if (s !== 0) ends[s] = [...ends[s]!, ...ends[fail[s]!]!]
    for (let c = 1; c < columns; c++) {
      const child = children[s]!.get(c)
      const viaFail = s === 0 ? 0 : delta[fail[s]! * columns + c]!
      if (child === undefined) delta[s * columns + c] = viaFail
      else {
        delta[s * columns + c] = child
        fail[child] = viaFail
        order.push(child)
      }
    }
  }
  const found = ends.map((e) => Int32Array.from(e))
  const hasEnd = Uint8Array.from(found, (e) => (e.length > 0 ? 1 : 0))
  const lengths = Int32Array.from(words, (w) => w.length)
  const empty = ids.get("")

  const scan = (text: string): Int32Array => {
    const first = new Int32Array(words.length).fill(-1)
    if (empty !== undefined) first[empty] = 0
    let s = 0
    for (let i = 0; i < text.length; i++) {
      s = delta[s * columns + column[text.charCodeAt(i)]!]!
      if (hasEnd[s] === 1) {
        for (const id of found[s]!) if (first[id] === -1) first[id] = i + 1 - lengths[id]!
      }
    }
    return first
  }
  return { words, id: (w) => ids.get(w), scan }
}
