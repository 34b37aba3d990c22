import type { Results, StepJson } from "./Results.ts"

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[c]!)
const colors = { fast: "#1f77b4", full: "#d62728", baseline: "#2ca02c" } as const
type Name = keyof typeof colors

interface Series {
  readonly name: Name
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>
  readonly dashed?: boolean
}

/** A line chart as inline SVG; `logY` for latencies, which span milliseconds to seconds. */
export const lineChart = (title: string, yLabel: string, series: ReadonlyArray<Series>, logY: boolean, hlines: ReadonlyArray<number> = []) => {
  const W = 640, H = 320, L = 60, R = 110, T = 30, B = 40
  const xs = series.flatMap((s) => s.points.map((p) => p.x))
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).concat(hlines).filter((y) => y > 0)
  if (xs.length === 0 || ys.length === 0) return `<p>${esc(title)}: no data</p>`
  const xMax = Math.max(...xs) * 1.05
  const yMin = logY ? Math.max(0.1, Math.min(...ys) / 1.5) : 0
  const yMax = Math.max(...ys) * 1.2
  const fy = (y: number) => logY ? Math.log10(Math.max(y, yMin) / yMin) / Math.log10(yMax / yMin) : y / yMax
  const px = (x: number) => L + (x / xMax) * (W - L - R)
  const py = (y: number) => H - B - fy(y) * (H - T - B)
  const yTicks = logY
    ? [0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000].filter((t) => t >= yMin && t <= yMax)
    : Array.from({ length: 5 }, (_, i) => Math.round((yMax * i) / 4))
  const xTicks = [...new Set(xs)].sort((a, b) => a - b)
  const grid = yTicks.map((t) => `<line x1="${L}" x2="${W - R}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/><text x="${L - 6}" y="${py(t) + 4}" text-anchor="end">${t}</text>`).join("")
  const xAxis = xTicks.map((t) => `<text x="${px(t)}" y="${H - B + 16}" text-anchor="middle">${t}</text>`).join("")
  const bounds = hlines.map((h) => `<line x1="${L}" x2="${W - R}" y1="${py(h)}" y2="${py(h)}" stroke="#999" stroke-dasharray="2 4"/><text x="${W - R + 4}" y="${py(h) + 4}">${h} ms</text>`).join("")
  const lines = series.map((s, i) => {
    const pts = s.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ")
    const dots = s.points.map((p) => `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${colors[s.name]}"><title>${s.name} ${p.x}/s: ${p.y}</title></circle>`).join("")
    const legend = `<text x="${W - R + 8}" y="${T + 16 * i + 30}" fill="${colors[s.name]}">${s.name}${s.dashed ? " (p50)" : ""}</text>`
    return `<polyline fill="none" stroke="${colors[s.name]}" stroke-width="2" ${s.dashed ? "stroke-dasharray=\"5 4\"" : ""} points="${pts}"/>${dots}${legend}`
  }).join("")
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">
<text x="${W / 2}" y="16" text-anchor="middle" font-size="13">${esc(title)}</text>${grid}${bounds}${xAxis}${lines}
<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle">offered rate (req/s)</text>
<text transform="translate(14 ${H / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text></svg>`
}

const stepRows = (name: string, steps: ReadonlyArray<StepJson>) =>
  steps.map((s) =>
    `<tr><td>${name}</td><td>${s.offered_rps}</td><td>${s.achieved_rps}</td><td>${s.p50_ms ?? "-"}</td><td>${s.p90_ms ?? "-"}</td><td>${s.p99_ms ?? "-"}</td><td>${s.max_ms ?? "-"}</td><td>${s.errors}</td><td>${s.timeouts}</td><td>${esc(Object.entries(s.by_kind).map(([k, v]) => `${k} ${v.p99_ms ?? "-"}`).join(", "))}</td><td>${s.cpu_ms_per_request ?? "-"}</td><td>${s.others_cpu_percent ?? "-"}</td><td>${esc(s.processes.map((p) => `${p.name} ${p.cpu_percent ?? "-"}% (${p.cpu_ms_per_request ?? "-"} ms/req) / ${p.max_rss_mib ?? "-"} MiB`).join("; "))}</td></tr>`
  ).join("\n")

/** The whole report as one HTML file: no scripts, no external resources. */
export const htmlReport = (results: Results, summary: string): string => {
  const names = (["fast", "full", "baseline"] as const).filter((n) => results[n] !== undefined)
  const pts = (n: Name, f: (s: StepJson) => number | null) =>
    (results[n]?.ladder ?? []).flatMap((s) => (f(s) === null ? [] : [{ x: s.offered_rps, y: f(s)! }]))
  const p99 = lineChart("p99 latency vs offered rate", "ms (log scale)", [
    ...names.map((n) => ({ name: n, points: pts(n, (s) => s.p99_ms) })),
    ...names.map((n) => ({ name: n, points: pts(n, (s) => s.p50_ms), dashed: true }))
  ], true, [50, 100])
  const throughput = lineChart("achieved vs offered", "answered req/s", names.map((n) => ({ name: n, points: pts(n, (s) => s.achieved_rps) })), false)
  return `<!doctype html><html><head><meta charset="utf-8"><title>Vigil load benchmark ${esc(results.started_at)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:last-child{text-align:left}pre{background:#f6f6f6;padding:1em;overflow:auto}</style>
</head><body><h1>Vigil load benchmark</h1>
<p>Started ${esc(results.started_at)}. Rerun: <code>${esc(results.command)}</code></p>
<pre>${esc(summary)}</pre>
${p99}
${throughput}
<h2>Every step</h2>
<p>Latency is measured from the time each request was due (open loop), over HTTP keep-alive, for answered requests.
CPU is percent of one core over the step (this machine has ${esc(String((results.machine as { cpus?: number }).cpus ?? "?"))}); RSS is the peak.</p>
<table><tr><th>target</th><th>offered/s</th><th>achieved/s</th><th>p50</th><th>p90</th><th>p99</th><th>max</th><th>errors</th><th>timeouts</th><th>p99 by kind</th><th>CPU ms/request</th><th>others' CPU %</th><th>CPU / RSS per process</th></tr>
${names.map((n) => stepRows(n, results[n]!.ladder)).join("\n")}
</table>
<h2>Machine and settings</h2><pre>${esc(JSON.stringify({ machine: results.machine, settings: results.settings }, null, 2))}</pre>
</body></html>`
}
