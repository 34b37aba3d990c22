/**
 * Scoring reuses typed arrays between calls instead of allocating per prompt. Up to KEEP elements they
 * stay; a longer prompt gets arrays of its own that the GC takes back, so one huge prompt does not pin
 * hundreds of MiB for the life of the process.
 */
export const KEEP = 1 << 18

/** `current` when it holds `size` elements; else a new array, which the caller keeps only when it is KEEP long. */
export const sized = <A extends Uint16Array | Uint32Array | Float32Array>(current: A, size: number, make: (n: number) => A): A =>
  size <= current.length ? current : make(size <= KEEP ? KEEP : size)

export const kept = (a: ArrayLike<number>): boolean => a.length <= KEEP
