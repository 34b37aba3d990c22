import type { Label } from "./ScanLine.ts"

/** One scored line of a labelled file: what it was, and whether the guard flagged it. */
export interface Outcome {
  readonly label: Label
  readonly flagged: boolean
  readonly group: string
}

export interface Metrics {
  readonly attacks: number
  readonly caught: number
  readonly benign: number
  readonly falsePositives: number
  /** Undefined where the ratio has no denominator (no attacks, or nothing flagged): not 0, which would read as a result. */
  readonly detectionRate: number | undefined
  readonly falsePositiveRate: number | undefined
  readonly precision: number | undefined
  readonly f1: number | undefined
}

const ratio = (a: number, b: number): number | undefined => (b === 0 ? undefined : a / b)

export const metrics = (outcomes: ReadonlyArray<Outcome>): Metrics => {
  let attacks = 0, caught = 0, benign = 0, falsePositives = 0
  for (const o of outcomes) {
    if (o.label === "malicious") {
      attacks++
      if (o.flagged) caught++
    } else {
      benign++
      if (o.flagged) falsePositives++
    }
  }
  const detectionRate = ratio(caught, attacks)
  const precision = ratio(caught, caught + falsePositives)
  const f1 = detectionRate === undefined || precision === undefined ? undefined
    : detectionRate + precision === 0 ? 0 : (2 * detectionRate * precision) / (detectionRate + precision)
  return { attacks, caught, benign, falsePositives, detectionRate, falsePositiveRate: ratio(falsePositives, benign), precision, f1 }
}

/** Overall first, then one row per group (category) in name order. */
export const metricsByGroup = (outcomes: ReadonlyArray<Outcome>): Array<readonly [string, Metrics]> => {
  const groups = new Map<string, Array<Outcome>>()
  for (const o of outcomes) {
    const list = groups.get(o.group)
    if (list === undefined) groups.set(o.group, [o])
    else list.push(o)
  }
  return [["(all)", metrics(outcomes)], ...[...groups.keys()].sort().map((g) => [g, metrics(groups.get(g)!)] as const)]
}

const pct = (x: number | undefined) => (x === undefined ? "-" : `${(100 * x).toFixed(1)} %`)

export const metricsRow = (group: string, m: Metrics): Array<string> => [
  group,
  m.attacks === 0 ? "-" : `${m.caught}/${m.attacks}`,
  pct(m.detectionRate),
  m.benign === 0 ? "-" : `${m.falsePositives}/${m.benign}`,
  pct(m.falsePositiveRate),
  m.f1 === undefined ? "-" : m.f1.toFixed(3)
]

export const METRICS_HEADER = ["category", "caught", "detection", "flagged benign", "false pos.", "F1"] as const
