import type { Found } from "./WordFinder.ts"

const tryBudget = (length: number): number => Math.max(12, length >> 5)
const WARM_UP = "warm up"

/**
 * The first match of `source` in a text, tried only where one of its `leadingLiterals` occurs, in text
 * order. The caller gives where the literals occur, from a shared word index (`ids[k]` is the id of
 * `prefixes[k]` there, or -1 for one the index does not hold), and may give `stop`, a position at or after
 * which no match can start (from the words every match contains: a match cannot start after the last of them).
 */
export const anchoredSearch = (
  source: string,
  prefixes: ReadonlyArray<string>
): ((text: string, found: Found, ids: Int32Array, stop?: number) => string | undefined) => {
  const sticky = new RegExp(source, "y")
  const global = new RegExp(source, "g")
  // V8 compiles an expression to machine code on its second run; doing that now keeps the compile out of
  // the first requests that reach this pattern.
  for (let run = 0; run < 2; run++) {
    sticky.lastIndex = global.lastIndex = 0
    sticky.exec(WARM_UP)
    global.exec(WARM_UP)
  }
  // Start positions, in a typed array so that they sort natively (a comparator function is called per
  // comparison); grown as needed.
  let starts = new Int32Array(64)
  return (text, found, ids, stop = text.length) => {
    // Up to `budget` occurrences of each literal; past the last one collected of a literal that had more,
    // the order is no longer known, so the ordinary search takes over there.
    let count = 0
    const budget = tryBudget(text.length)
    const end = stop < text.length ? stop : text.length
    let known = end
    let literals = 0
    const { first, head, link, at: position } = found
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!
      // -1: a literal the shared pass does not look up, found here.
      let at = id >= 0 ? first[id]! : text.indexOf(prefixes[k]!)
      if (at < 0 || at >= known) continue
      literals++
      // Long literals have their occurrences listed by the scan; one or two characters are looked up.
      const listed = id >= 0 ? head[id]! : -1
      let entry = listed
      for (let n = 0; at >= 0 && at < known; n++) {
        if (n === budget) { known = at; break }
        if (count === starts.length) {
          const bigger = new Int32Array(count * 2)
          bigger.set(starts)
          starts = bigger
        }
        starts[count++] = at
        if (listed < 0) at = text.indexOf(prefixes[k]!, at + 1)
        else {
          entry = link[entry]!
          at = entry < 0 ? -1 : position[entry]!
        }
      }
    }
    if (count === 0) return undefined
    // One literal's occurrences come in text order already.
    if (literals > 1) starts.subarray(0, count).sort()
    let tries = 0
    for (let i = 0; i < count; i++) {
      const at = starts[i]!
      if (at >= known) break
      if (i > 0 && at === starts[i - 1]) continue
      if (tries++ === budget) { known = at; break }
      sticky.lastIndex = at
      const m = sticky.exec(text)
      if (m !== null) return m[0]
    }
    if (known >= end) return undefined
    global.lastIndex = known
    return global.exec(text)?.[0]
  }
}
