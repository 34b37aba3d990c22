/**
 * Scoring reuses typed arrays between calls instead of allocating per prompt. Up to KEEP elements they
 * stay; a longer prompt gets arrays of its own that the GC takes back, so one huge prompt does not pin
 * hundreds of MiB for the life of the process.
 */
export const KEEP = 1 << 18

/**
 * A reusable array: `take(size)` gives one of at least `size` elements, the same one call after call; a
 * bigger one replaces it only up to KEEP elements, above that the caller gets an array of its own.
 */
export const scratch = <A extends Uint16Array | Uint32Array | Int32Array | Float32Array>(make: (n: number) => A, initial: number): ((size: number) => A) => {
  let current = make(initial)
  return (size) => {
    if (size <= current.length) return current
    const a = make(size <= KEEP ? KEEP : size)
    if (size <= KEEP) current = a
    return a
  }
}

export const kept = (a: ArrayLike<number>): boolean => a.length <= KEEP
