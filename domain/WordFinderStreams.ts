/**
 * The word finder's automaton run over a text as four streams at once. Each step of one stream reads the
 * table entry that the previous step chose, so a single stream waits out every cache miss in turn; four
 * independent streams, one per quarter of the text, keep four misses in flight. Run after other work has
 * pushed the table out of the caches (the detection worker runs branches B, C and PII between two texts),
 * the pass takes about half as long; with the table hot, a little less.
 *
 * A stream starts `warm` columns before its quarter (the longest word, less one), from the root: the state
 * an automaton reaches depends only on that many last characters, so by its first own column the stream is
 * in the state a single pass would be in there. Ends are collected per stream and handed back in text order.
 */
const SPLIT = 256

export interface Streams {
  /** The column buffer for a text of `n` units: the caller writes the column of unit i at `warm + i`. */
  readonly columns: (n: number) => Uint8Array
  /** Runs over the `n` columns written; pairs (state, end) where a word ends, in text order, in `events()`. */
  readonly scan: (n: number) => number
  readonly events: () => Int32Array
}

export const multiStream = (next: Uint16Array | Int32Array, width: number, END: number, warm: number): Streams => {
  const mask = END - 1
  let cols = new Uint8Array(1024)
  let events = new Int32Array(1024)
  let size = 0
  const quarter = (n: number) => (n >= SPLIT ? Math.ceil(n / 4) : n)
  const columns = (n: number): Uint8Array => {
    const L = quarter(n)
    size = warm + (n >= SPLIT ? 4 * L : n)
    // Fresh buffers are zero: the warm-up before the first quarter reads column 0, which keeps the root.
    if (cols.length < size) cols = new Uint8Array(size * 2)
    if (events.length < 2 * size) events = new Int32Array(size * 4)
    return cols
  }
  const scan = (n: number): number => {
    cols.fill(0, warm + n, size)
    if (n < SPLIT) {
      let s = 0, e = 0
      for (let j = warm; j < size; j++) {
        s = next[s * width + cols[j]!]!
        if (s >= END) {
          s &= mask
          events[e++] = s
          events[e++] = j - warm + 1
        }
      }
      return e
    }
    const L = quarter(n), o1 = L, o2 = 2 * L, o3 = 3 * L
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0
    for (let j = 0; j < warm; j++) {
      s1 = next[(s1 & mask) * width + cols[o1 + j]!]!
      s2 = next[(s2 & mask) * width + cols[o2 + j]!]!
      s3 = next[(s3 & mask) * width + cols[o3 + j]!]!
    }
    s1 &= mask
    s2 &= mask
    s3 &= mask
    // Each stream's ends in a segment of its own, joined in text order afterwards.
    let e0 = 0, e1 = 2 * L, e2 = 4 * L, e3 = 6 * L
    for (let j = warm, end = 1; j < warm + L; j++, end++) {
      s0 = next[s0 * width + cols[j]!]!
      s1 = next[s1 * width + cols[o1 + j]!]!
      s2 = next[s2 * width + cols[o2 + j]!]!
      s3 = next[s3 * width + cols[o3 + j]!]!
      if ((s0 | s1 | s2 | s3) >= END) {
        if (s0 >= END) { s0 &= mask; events[e0++] = s0; events[e0++] = end }
        if (s1 >= END) { s1 &= mask; events[e1++] = s1; events[e1++] = o1 + end }
        if (s2 >= END) { s2 &= mask; events[e2++] = s2; events[e2++] = o2 + end }
        if (s3 >= END) { s3 &= mask; events[e3++] = s3; events[e3++] = o3 + end }
      }
    }
    events.copyWithin(e0, 2 * L, e1)
    e0 += e1 - 2 * L
    events.copyWithin(e0, 4 * L, e2)
    e0 += e2 - 4 * L
    events.copyWithin(e0, 6 * L, e3)
    return e0 + e3 - 6 * L
  }
  return { columns, scan, events: () => events }
}
