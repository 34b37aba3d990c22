/**
 * Payload splitting: an instruction cut into quoted strings, bracketed pieces, variables or list items
 * that the model is asked to join ("a = 'Ignore all'; b = ' previous instructions'; do a + b"). The pieces
 * are joined back here, in the order the text gives, so the ordinary patterns can run on the result.
 */

const QUOTED = /"([^"\n]{1,120})"|“([^”\n]{1,120})”|„([^”"\n]{1,120})[”"]|'([^'\n]{2,120})'|\[([^\]\n]{1,120})\]/g
const ASSIGNMENT = /\b([A-Za-z]\w{0,8}) ?[=:] ?(?:"([^"\n]{1,120})"|“([^”\n]{1,120})”|'([^'\n]{1,120})')/g
const ASSIGNED = /[=:] ?["“']/
const EXPRESSION = /\b[A-Za-z]\w{0,8}(?: ?\+ ?[A-Za-z]\w{0,8})+/g
const LIST_ITEM = /^[ \t]*(?:[-*•]|\w{1,6}[:=)]|\d{1,2}[.)])[ \t]+(.{1,80})$/gm
const MAX_PIECES = 24

// Loops over `exec` rather than `matchAll`: the iterator and a copy of each match's groups cost as much as
// the matching itself.
const QUOTED_PIECE = (m: RegExpExecArray): string => m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? ""
// Every assignment has its "=" or ":", then an optional space and a quote, one to ten characters after its
// start (a name of one to nine, an optional space): it is tried only there, in text order, which finds the
// matches a search from the start finds (leftmost, each from the end of the one before).
const ASSIGNED_ALL = new RegExp(ASSIGNED.source, "g")
const ASSIGNMENT_AT = new RegExp(ASSIGNMENT.source, "y")
const assignments = (text: string, vars: Map<string, string>): void => {
  let from = 0
  ASSIGNED_ALL.lastIndex = 0
  for (let a = ASSIGNED_ALL.exec(text); a !== null; a = ASSIGNED_ALL.exec(text)) {
    for (let at = Math.max(a.index - 10, from); at < a.index; at++) {
      ASSIGNMENT_AT.lastIndex = at
      const m = ASSIGNMENT_AT.exec(text)
      if (m === null) continue
      vars.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? "")
      from = at + m[0].length
      break
    }
    // Where this one failed, later ones do not start: the next "=" or ":" tries from after what was tried.
    if (from < a.index) from = a.index
    if (ASSIGNED_ALL.lastIndex < from) ASSIGNED_ALL.lastIndex = from
  }
}
const pieces = (re: RegExp, text: string, piece: (m: RegExpExecArray) => string): Array<string> => {
  const out: Array<string> = []
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = out.length < MAX_PIECES ? re.exec(text) : null) out.push(piece(m))
  return out
}

/** Joined views of the text's fragments; empty when the text has fewer than two (nearly every prompt). */
export const reassemble = (text: string): Array<string> => {
  const views: Array<string> = []
  const quoted = pieces(QUOTED, text, QUOTED_PIECE)
  if (quoted.length >= 2) views.push(quoted.join(""))
  const vars = new Map<string, string>()
  // Every assignment has "=" or ":" before its quote: without one, the identifier scan is skipped.
  if (ASSIGNED.test(text)) assignments(text, vars)
  if (vars.size >= 2) {
    for (const m of text.matchAll(EXPRESSION)) {
      const names = m[0].split("+").map((n) => n.trim().toLowerCase())
      if (names.every((n) => vars.has(n))) views.push(names.map((n) => vars.get(n)!).join(""))
    }
  }
  const items = pieces(LIST_ITEM, text, (m) => m[1]!)
  if (items.length >= 2) views.push(items.join(""))
  return views
}
