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
  /** Where the word last occurs; read only for words found. */
  readonly last: Int32Array
  /** The ids of the words found, `present[0]` to `present[count - 1]`, in no particular order. */
  readonly present: Int32Array
  readonly count: number
  readonly head: Int32Array
  readonly at: Int32Array
  readonly link: Int32Array
}

const encoder = new TextEncoder()
const grow = (a: Int32Array): Int32Array => {
  const bigger = new Int32Array(a.length * 2)
  bigger.set(a)
  return bigger
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
  const ends = new Array<Int32Array>(states)
  endsOf.forEach((e, state) => { ends[rank[state]!] = Int32Array.from(e) })
  const lengths = Int32Array.from(words, (w) => w.length)

  // The arrays are reused by every scan (a Found is read before the next text is scanned: SharedWords
  // keeps one at a time), so a short text costs no allocation; the occurrence lists grow as needed.
  let at: Int32Array = new Int32Array(256)
  let link: Int32Array = new Int32Array(256)
  let count = 0
  const record = (found: { -readonly [K in keyof Found]: Found[K] }, tail: Int32Array, state: number, end: number): void => {
    for (const id of ends[state]!) {
      if (count === at.length) {
        at = grow(at)
        link = grow(link)
      }
      at[count] = end - lengths[id]!
      link[count] = -1
      found.last[id] = end - lengths[id]!
      if (found.head[id] === -1) {
        found.head[id] = count
        found.first[id] = end - lengths[id]!
        present[found.count++] = id
      } else link[tail[id]!] = count
      tail[id] = count++
    }
  }
  // Reading bytes from a typed array is several times faster in V8 than `charCodeAt`; for ASCII text (most
  // normalized prompts) UTF-8 bytes are the code units, so positions stay the same.
  let bytes = new Uint8Array(4096)
  const first = new Int32Array(words.length).fill(-1)
  const present = new Int32Array(words.length)
  const head = new Int32Array(words.length).fill(-1)
  const last = new Int32Array(words.length)
  let found = 0
  const tail = new Int32Array(words.length)
  const scan = (text: string): Found => {
    count = 0
    // Only what the last scan found is reset: a short text costs nothing per word of the finder.
    for (let k = 0; k < found; k++) first[present[k]!] = head[present[k]!] = -1
    const partial = { first, last, head, at, link, present, count: 0 }
    for (const id of short) {
      if ((first[id] = text.indexOf(words[id]!)) < 0) continue
      last[id] = text.lastIndexOf(words[id]!)
      present[partial.count++] = id
    }
    if (bytes.length < text.length * 3) bytes = new Uint8Array(text.length * 3)
    let s = 0
    const mask = END - 1
    if (encoder.encodeInto(text, bytes).written === text.length) {
      for (let i = 0; i < text.length; i++) {
        s = next[s * width + column[bytes[i]!]!]!
        if (s >= END) record(partial, tail, s &= mask, i + 1)
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        s = next[s * width + column[text.charCodeAt(i)]!]!
        if (s >= END) record(partial, tail, s &= mask, i + 1)
      }
    }
    found = partial.count
    return { first, last, head, at, link, present, count: found }
  }
  return { words, id: (w) => ids.get(w), scan }
}
