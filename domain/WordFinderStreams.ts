/**
 * The word finder's automaton run over a text as four streams at once. Each step of one stream reads the
 * table entry that the previous step chose, so a single stream waits out every cache miss in turn; four
 * independent streams, one per quarter of the text, keep four misses in flight. Run after other work has
 * pushed the table out of the caches (the detection worker runs branches B, C and PII between two texts),
 * the pass takes about half as long; with the table hot, a little less.
 *
 * A stream starts `warm` characters before its quarter (the longest word, less one), from the root: the
 * state an automaton reaches depends only on that many last characters, so by its first own character the
 * stream is in the state a single pass would be in there (a stream that would start before the text starts
 * at its start, which is exact). Ends are collected per stream and handed back in text order.
 */
const SPLIT = 256

/**
 * `next[state * width + column[unit]]` is the next state, with `END` set where a word ends. `scan` answers
 * how many numbers it wrote to `events()`: pairs (state, end) where a word ends, in text order.
 */
export interface Streams {
  readonly scan: (text: string) => number
  readonly events: () => Int32Array
}

export const multiStream = (next: Uint16Array | Int32Array, width: number, END: number, column: Uint8Array, warm: number): Streams => {
  const mask = END - 1
  let events = new Int32Array(1024)
  const single = (text: string): number => {
    let s = 0, e = 0
    for (let i = 0; i < text.length; i++) {
      s = next[s * width + column[text.charCodeAt(i)]!]!
      if (s >= END) {
        s &= mask
        events[e++] = s
        events[e++] = i + 1
      }
    }
    return e
  }
  // The state after reading text[from, to) from the root.
  const enter = (text: string, from: number, to: number): number => {
    let s = 0
    for (let i = from < 0 ? 0 : from; i < to; i++) s = next[(s & mask) * width + column[text.charCodeAt(i)]!]!
    return s & mask
  }
  const scan = (text: string): number => {
    const n = text.length
    if (events.length < 2 * n + 8) events = new Int32Array(4 * n + 16)
    if (n < SPLIT) return single(text)
    // Quarters of L characters; the last stream reads the few left over on its own afterwards.
    const L = n >> 2, o1 = L, o2 = 2 * L, o3 = 3 * L
    let s0 = 0
    let s1 = enter(text, o1 - warm, o1)
    let s2 = enter(text, o2 - warm, o2)
    let s3 = enter(text, o3 - warm, o3)
    // Each stream's ends in a segment of its own (a quarter has at most L ends), joined in order afterwards.
    let e0 = 0, e1 = 2 * L, e2 = 4 * L, e3 = 6 * L
    for (let i = 0; i < L; i++) {
      s0 = next[s0 * width + column[text.charCodeAt(i)]!]!
      s1 = next[s1 * width + column[text.charCodeAt(o1 + i)]!]!
      s2 = next[s2 * width + column[text.charCodeAt(o2 + i)]!]!
      s3 = next[s3 * width + column[text.charCodeAt(o3 + i)]!]!
      if ((s0 | s1 | s2 | s3) >= END) {
        if (s0 >= END) { s0 &= mask; events[e0++] = s0; events[e0++] = i + 1 }
        if (s1 >= END) { s1 &= mask; events[e1++] = s1; events[e1++] = o1 + i + 1 }
        if (s2 >= END) { s2 &= mask; events[e2++] = s2; events[e2++] = o2 + i + 1 }
        if (s3 >= END) { s3 &= mask; events[e3++] = s3; events[e3++] = o3 + i + 1 }
      }
    }
    for (let i = 4 * L; i < n; i++) {
      s3 = next[s3 * width + column[text.charCodeAt(i)]!]!
      if (s3 >= END) { s3 &= mask; events[e3++] = s3; events[e3++] = i + 1 }
    }
    events.copyWithin(e0, 2 * L, e1)
    e0 += e1 - 2 * L
    events.copyWithin(e0, 4 * L, e2)
    e0 += e2 - 4 * L
    events.copyWithin(e0, 6 * L, e3)
    return e0 + e3 - 6 * L
  }
  return { scan, events: () => events }
}
