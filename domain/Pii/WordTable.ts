/**
 * A fixed set of words, each with a small number, looked up by a 32-bit hash of the word's characters
 * (FNV-1a) in one typed array with linear probing. PERSON looks up every capitalised word of a prompt
 * and most are in no set: a miss here reads a line or two of a 16 KiB array, where a Map of the same
 * 2,000 words walked its buckets and compared key strings, which the other detection stages have pushed
 * out of the cache by the time PII runs. A hash match is confirmed by comparing the word itself, so the
 * answer is the map's.
 */

export const wordHash = (w: string, start = 0, end = w.length): number => {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193)
  // Never 0, which marks an empty slot.
  return h | 1
}

export interface WordTable {
  /** The number the table gives `word`, or 0 for a word it does not hold. */
  readonly get: (word: string) => number
  /** The same for `text.slice(start, end)`, read in place. */
  readonly at: (text: string, start: number, end: number) => number
}

export const wordTable = (entries: ReadonlyMap<string, number>): WordTable => {
  let size = 16
  while (size < entries.size * 1.5) size <<= 1
  const mask = size - 1
  const hashes = new Int32Array(size)
  const slots = new Int32Array(size)
  const words: Array<string> = []
  const values: Array<number> = []
  for (const [word, value] of entries) {
    const h = wordHash(word)
    let i = h & mask
    while (hashes[i] !== 0) i = (i + 1) & mask
    hashes[i] = h
    slots[i] = words.length
    words.push(word)
    values.push(value)
  }
  const at = (text: string, start: number, end: number): number => {
    const h = wordHash(text, start, end)
    for (let i = h & mask; hashes[i] !== 0; i = (i + 1) & mask) {
      if (hashes[i] !== h) continue
      const w = words[slots[i]!]!
      if (w.length === end - start && text.startsWith(w, start)) return values[slots[i]!]!
    }
    return 0
  }
  return { get: (word) => at(word, 0, word.length), at }
}
