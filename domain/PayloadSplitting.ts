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

const first = (m: RegExpMatchArray): string => m.slice(1).find((g) => g !== undefined) ?? ""

/** Joined views of the text's fragments; empty when the text has fewer than two (nearly every prompt). */
export const reassemble = (text: string): Array<string> => {
  const views: Array<string> = []
  const quoted = Array.from(text.matchAll(QUOTED), first).slice(0, MAX_PIECES)
  if (quoted.length >= 2) views.push(quoted.join(""))
  const vars = new Map<string, string>()
  // Every assignment has "=" or ":" before its quote: without one, the identifier scan is skipped.
  if (ASSIGNED.test(text)) for (const m of text.matchAll(ASSIGNMENT)) vars.set(m[1]!.toLowerCase(), first(m.slice(1) as unknown as RegExpMatchArray))
  if (vars.size >= 2) {
    for (const m of text.matchAll(EXPRESSION)) {
      const names = m[0].split("+").map((n) => n.trim().toLowerCase())
      if (names.every((n) => vars.has(n))) views.push(names.map((n) => vars.get(n)!).join(""))
    }
  }
  const items = Array.from(text.matchAll(LIST_ITEM), (m) => m[1]!).slice(0, MAX_PIECES)
  if (items.length >= 2) views.push(items.join(""))
  return views
}
