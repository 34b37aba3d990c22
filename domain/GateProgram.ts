/**
 * A pattern's prefilter gate (per alternative, groups of word ids: every group needs one present word,
 * any alternative sufficing) laid out flat in one typed array, read against a word pass's `last` array.
 * Nested arrays cost a pointer chase per group, and a pattern's gate is read for every candidate view.
 *
 * Layout: for each alternative, the index where the next alternative begins, then its groups, each as its
 * length followed by its word ids.
 */
export const gateProgram = (gate: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>): Int32Array => {
  const out: Array<number> = []
  for (const groups of gate) {
    const at = out.length
    out.push(0)
    for (const group of groups) out.push(group.length, ...Array.from(group))
    out[at] = out.length
  }
  return Int32Array.from(out)
}

/**
 * The last position a match can start at: every match holds a word of each group of some alternative, so
 * it starts at or before the last occurrence of the group's words that occurs last. -1 when no alternative
 * has a word of every group present: then nothing matches (the gate fails). `last[id]` is -1 for a word
 * the text does not hold.
 */
export const latestStart = (program: Int32Array, last: Int32Array): number => {
  let latest = -1
  for (let p = 0; p < program.length;) {
    const next = program[p++]!
    let alternative = Number.MAX_SAFE_INTEGER
    while (p < next) {
      const end = p + 1 + program[p]!
      let lastOfGroup = -1
      for (p++; p < end; p++) {
        const at = last[program[p]!]!
        if (at > lastOfGroup) lastOfGroup = at
      }
      if (lastOfGroup < alternative) alternative = lastOfGroup
      // The alternative's bound only falls from here: once at or below the best so far, it cannot raise it.
      if (alternative <= latest) break
    }
    if (alternative > latest) latest = alternative
    p = next
  }
  return latest
}
