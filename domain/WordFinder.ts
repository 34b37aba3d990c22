import { multiStream } from "./WordFinderStreams.ts"

/**
 * Which of a fixed set of words a text contains, in one left-to-right pass (Aho–Corasick). Branch A asks
 * this of every view for a few hundred words (the prefilter words of all patterns, the reversed and ROT13
 * gate words); one pass over a table costs a few nanoseconds a character, where a regular expression
 * alternation of all the words is tried at every position, and one `includes` per word reads the text
 * once per word.
 *
 * Words are matched as UTF-16 code units, exactly as `String.prototype.includes` does. Words of one or two
 * characters (" ", "[", "do") occur nearly everywhere and would make the pass stop at most characters;
 * `indexOf` finds their first occurrence faster.
 */
const SHORT = 2
export interface WordFinder {
  /** The words, deduplicated; `scan` reports by index into this array. */
  readonly words: ReadonlyArray<string>
  readonly id: (word: string) => number | undefined
  readonly scan: (text: string) => Found
}

/**
 * What a scan found. `first[id]`: where the word first occurs (what `indexOf` gives), or -1. For words
 * longer than two characters every occurrence is listed too, in text order: `head[id]` is the first
 * entry (or -1), `at[entry]` its position and `link[entry]` the next entry of the same word (or -1).
 * Valid until the finder's next scan, which reuses the arrays.
 */
export interface Found {
  readonly first: Int32Array
  /** Where the word last occurs (what `lastIndexOf` gives), or -1. */
  readonly last: Int32Array
  /** The ids of the words found, `present[0]` to `present[count - 1]`, in no particular order. */
  readonly present: Int32Array
  readonly count: number
  readonly head: Int32Array
  readonly at: Int32Array
  readonly link: Int32Array
}

const grow = (a: Int32Array): Int32Array => {
  const bigger = new Int32Array(a.length * 2)
  bigger.set(a)
  return bigger
}

/**
 * Code units that occur in some word get a column of the table; every other one sends the scan to the root.
 * At most `budget` columns (column 0 included): the units in most words get one each, the rest share the
 * last few. A row is then one cache line at 32 columns of 16 bits, where the ~55 units of the built-in
 * library made it two, and a scan reads a line a character. Shared columns make the automaton find the
 * words of a coarser alphabet, a superset of the real occurrences; words with a shared unit are checked
 * against the text where they end (rare: a few dozen ends per KiB).
 */
const columnsOf = (words: ReadonlyArray<string>, budget: number): { column: Uint8Array; columns: number; shared: number } => {
  const inWords = new Map<number, number>()
  for (const w of words) if (w.length > SHORT) for (const c of unitsOf(w)) inWords.set(c, (inWords.get(c) ?? 0) + 1)
  const ranked = [...inWords].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c)
  const sharing = ranked.length < budget ? 0 : Math.min(SHARED, budget - 2)
  const own = budget - 1 - sharing
  const column = new Uint8Array(65536)
  ranked.forEach((c, rank) => { column[c] = rank < own ? rank + 1 : own + 1 + ((rank - own) % sharing) })
  return { column, columns: sharing === 0 ? ranked.length + 1 : budget, shared: sharing === 0 ? budget : own + 1 }
}
const unitsOf = (w: string): Set<number> => {
  const units = new Set<number>()
  for (let i = 0; i < w.length; i++) units.add(w.charCodeAt(i))
  return units
}
const COLUMNS = 32
const SHARED = 4

export const wordFinder = (input: Iterable<string>, budget = COLUMNS): WordFinder => {
  const words = Array.from(new Set(input))
  const ids = new Map(words.map((w, i) => [w, i]))
  const { column, columns, shared } = columnsOf(words, Math.max(3, Math.min(budget, 256)))
  // Words with a unit in a shared column: an end of their column sequence is an occurrence only if the text agrees.
  const checked = Uint8Array.from(words, (w) => ([...unitsOf(w)].some((c) => column[c]! >= shared) ? 1 : 0))

  // The trie, then breadth-first failure links folded into a full transition table.
  const children: Array<Map<number, number>> = [new Map()]
  const endsOf: Array<Array<number>> = [[]]
  const short = words.flatMap((w, id) => (w.length <= SHORT ? [id] : []))
  words.forEach((w, id) => {
    if (w.length <= SHORT) return
    let s = 0
    for (let i = 0; i < w.length; i++) {
      const c = column[w.charCodeAt(i)]!
      let next = children[s]!.get(c)
      if (next === undefined) {
        next = children.length
        children.push(new Map())
        endsOf.push([])
        children[s]!.set(c, next)
      }
      s = next
    }
    endsOf[s]!.push(id)
  })
  const states = children.length
  const delta = new Int32Array(states * columns)
  const fail = new Int32Array(states)
  const order: Array<number> = [0]
  for (let head = 0; head < order.length; head++) {
    const s = order[head]!
    if (s !== 0) endsOf[s] = [...endsOf[s]!, ...endsOf[fail[s]!]!]
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
  // The scan reads one table entry a character: states are renumbered breadth-first (the shallow states
  // a scan mostly visits share cache lines) and the high bit marks a state where a word ends. With fewer
  // than 2^15 states an entry takes 16 bits: the table is half the size, and a scan interleaved with the
  // patterns' own matching misses the cache half as often (Int32 beyond that).
  const width = columns
  const rank = new Int32Array(states)
  order.forEach((state, k) => { rank[state] = k })
  const END = states < 0x8000 ? 0x8000 : 0x40000000
  const next = END === 0x8000 ? new Uint16Array(states * width) : new Int32Array(states * width)
  for (let state = 0; state < states; state++) {
    for (let c = 0; c < width; c++) {
      const target = delta[state * width + c]!
      next[rank[state]! * width + c] = (endsOf[target]!.length > 0 ? END : 0) | rank[target]!
    }
  }
  // The words ending at each state, in one flat array (a state's are entries endAt[s] to endAt[s + 1] - 1):
  // an array of arrays costs a pointer chase per end, and a scan interleaved with other work misses on each.
  const endAt = new Int32Array(states + 1)
  order.forEach((state, k) => { endAt[k + 1] = endAt[k]! + endsOf[state]!.length })
  // Each entry with the word's length beside it (one cache line for both), and bit 30 set when an end must
  // be checked against the text (a word with a unit in a shared column).
  const CHECK = 1 << 30
  const endIds = Int32Array.from(order.flatMap((state) => endsOf[state]!.flatMap((id) => [id, words[id]!.length | (checked[id]! === 1 ? CHECK : 0)])))

  // The arrays are reused by every scan (a Found is read before the next text is scanned: SharedWords
  // keeps one at a time), so a short text costs no allocation; the occurrence lists grow as needed.
  let at: Int32Array = new Int32Array(256)
  let link: Int32Array = new Int32Array(256)
  let count = 0
  const first = new Int32Array(words.length).fill(-1)
  const present = new Int32Array(words.length)
  const head = new Int32Array(words.length).fill(-1)
  const last = new Int32Array(words.length).fill(-1)
  const tail = new Int32Array(words.length)
  let found = 0
  const record = (state: number, end: number, text: string): void => {
    for (let e = 2 * endAt[state]!; e < 2 * endAt[state + 1]!; e += 2) {
      const id = endIds[e]!
      let length = endIds[e + 1]!
      if (length >= CHECK) {
        length -= CHECK
        if (!text.startsWith(words[id]!, end - length)) continue
      }
      if (count === at.length) {
        at = grow(at)
        link = grow(link)
      }
      at[count] = last[id] = end - length
      link[count] = -1
      if (head[id] === -1) {
        head[id] = count
        first[id] = end - length
        present[found++] = id
      } else link[tail[id]!] = count
      tail[id] = count++
    }
  }
  const warm = Math.max(0, ...words.map((w) => (w.length > SHORT ? w.length - 1 : 0)))
  const run = multiStream(next, width, END, column, warm)
  const scan = (text: string): Found => {
    count = 0
    // Only what the last scan found is reset: a short text costs nothing per word of the finder.
    for (let k = 0; k < found; k++) first[present[k]!] = head[present[k]!] = last[present[k]!] = -1
    found = 0
    for (const id of short) {
      if ((first[id] = text.indexOf(words[id]!)) < 0) continue
      last[id] = text.lastIndexOf(words[id]!)
      present[found++] = id
    }
    const ends = run.scan(text)
    const events = run.events()
    for (let k = 0; k < ends; k += 2) record(events[k]!, events[k + 1]!, text)
    return { first, last, head, at, link, present, count: found }
  }
  return { words, id: (w) => ids.get(w), scan }
}
