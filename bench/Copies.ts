/** Processes per worker kind; the baseline runs as many per hop (hop 1 like detection, and so on). */
export const WorkerKinds = ["detection", "pii", "arbiter"] as const
export type WorkerKind = (typeof WorkerKinds)[number]
export type Copies = Readonly<Record<WorkerKind, number>>

/** `2` (every kind) or `detection=2,pii=1` (kinds left out run one copy). */
export const parseCopies = (spec: string): Copies | string => {
  const whole = Number(spec)
  if (/^\d+$/.test(spec.trim())) {
    return whole >= 1 && whole <= 32 ? { detection: whole, pii: whole, arbiter: whole } : `--copies must be 1..32 (got ${spec})`
  }
  const copies: Record<WorkerKind, number> = { detection: 1, pii: 1, arbiter: 1 }
  for (const part of spec.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    const match = /^([a-z]+)=(\d+)$/.exec(part)
    if (match === null || !(WorkerKinds as ReadonlyArray<string>).includes(match[1]!)) {
      return `--copies: "${part}" is not N or kind=N (kinds: ${WorkerKinds.join(", ")})`
    }
    const n = Number(match[2])
    if (n < 1 || n > 32) return `--copies: ${match[1]} must be 1..32 (got ${n})`
    copies[match[1] as WorkerKind] = n
  }
  return copies
}

export const formatCopies = (c: Copies): string =>
  WorkerKinds.every((k) => c[k] === c.detection) ? String(c.detection) : WorkerKinds.map((k) => `${k}=${c[k]}`).join(",")
