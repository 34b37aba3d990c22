import type { EventRow, Stats } from "./LoggingQueries.ts"

/** Plain-text tables for `vigil events` and `vigil stats`: numbers right-aligned, everything else left. */
export const renderTable = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string => {
  const cells = rows.map((r) => r.map((c) => typeof c === "number" ? formatNumber(c) : c))
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number"))
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)))
  const line = (r: ReadonlyArray<string>) =>
    r.map((c, i) => numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)).join("  ").trimEnd()
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n")
}

const formatNumber = (n: number) => Number.isInteger(n) ? String(n) : n.toFixed(1)

export const isoTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z")

const list = (xs: ReadonlyArray<string>) => xs.length === 0 ? "-" : xs.join(",")

export const formatEvents = (rows: ReadonlyArray<EventRow>): string =>
  rows.length === 0
    ? "no decisions logged in that window"
    : renderTable(
      ["time (UTC)", "request id", "decision", "score", "mode", "categories", "pii", "ms", "api key"],
      rows.map((r) => [isoTime(r.time_ms), r.request_id, r.decision, r.threat_score, r.mode, list(r.categories), list(r.pii_types), r.total_ms, r.api_key_id || "-"])
    )

export const formatStats = (s: Stats): string => {
  const t = s.totals
  const head = `since ${isoTime(s.sinceMs)}: ${t.requests} requests (ALLOW ${t.allow}, SANITIZE ${t.sanitize}, BLOCK ${t.block})` +
    (t.raw_rows > t.requests ? `; ${t.raw_rows - t.requests} redelivered copies not yet merged (not counted)` : "")
  if (t.requests === 0) return `${head}\nno decisions logged in that window`
  return [
    head,
    "",
    "Decisions per hour",
    renderTable(["hour (UTC)", "ALLOW", "SANITIZE", "BLOCK", "total"], s.perHour.map((h) => [isoTime(h.hour_ms).slice(0, 16), h.allow, h.sanitize, h.block, h.total])),
    "",
    "Top categories",
    s.categories.length === 0 ? "none" : renderTable(["category", "requests"], s.categories.map((c) => [c.category, c.requests])),
    "",
    "PII types",
    s.piiTypes.length === 0 ? "none" : renderTable(["type", "entities", "requests"], s.piiTypes.map((p) => [p.type, p.entities, p.requests])),
    "",
    "Latency (ms)",
    renderTable(["stage", "p50", "p95", "p99", "max"], s.latency.map((l) => [l.stage, l.p50, l.p95, l.p99, l.max]))
  ].join("\n")
}
