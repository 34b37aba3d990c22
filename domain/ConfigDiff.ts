/**
 * What differs between two JSON values, as leaf paths ("thresholds.block", "modes.fast.skip[0]"). Arrays
 * compare by index, so a reordered list shows as changed entries; that is what a config reader sees too.
 */
export type Change =
  | { readonly _tag: "Added"; readonly path: string; readonly after: unknown }
  | { readonly _tag: "Removed"; readonly path: string; readonly before: unknown }
  | { readonly _tag: "Changed"; readonly path: string; readonly before: unknown; readonly after: unknown }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const join = (path: string, key: string | number) =>
  typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`

const walk = (path: string, before: unknown, after: unknown, out: Array<Change>): void => {
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= after.length) out.push({ _tag: "Removed", path: join(path, i), before: before[i] })
      else if (i >= before.length) out.push({ _tag: "Added", path: join(path, i), after: after[i] })
      else walk(join(path, i), before[i], after[i], out)
    }
    return
  }
  if (isObject(before) && isObject(after)) {
    const keys = Array.from(new Set([...Object.keys(before), ...Object.keys(after)])).sort()
    for (const k of keys) {
      if (!(k in after)) out.push({ _tag: "Removed", path: join(path, k), before: before[k] })
      else if (!(k in before)) out.push({ _tag: "Added", path: join(path, k), after: after[k] })
      else walk(join(path, k), before[k], after[k], out)
    }
    return
  }
  if (!Object.is(before, after)) out.push({ _tag: "Changed", path: path === "" ? "(root)" : path, before, after })
}

export const diff = (before: unknown, after: unknown): ReadonlyArray<Change> => {
  const out: Array<Change> = []
  walk("", before, after, out)
  return out
}

const show = (v: unknown) => JSON.stringify(v)

export const formatChange = (c: Change): string => {
  switch (c._tag) {
    case "Added":
      return `+ ${c.path}: ${show(c.after)}`
    case "Removed":
      return `- ${c.path}: ${show(c.before)}`
    case "Changed":
      return `~ ${c.path}: ${show(c.before)} → ${show(c.after)}`
  }
}

/** Applies changes to `before`; `patch(a, diff(a, b))` equals `b` (the property the tests check). */
export const patch = (before: unknown, changes: ReadonlyArray<Change>): unknown => {
  let root: unknown = structuredClone(before)
  const tokens = (path: string) =>
    path === "(root)" ? [] : Array.from(path.matchAll(/([^.[\]]+)|\[(\d+)\]/g), (m) => (m[2] !== undefined ? Number(m[2]) : m[1]!))
  // Removals by descending index, so earlier removals do not shift later ones.
  const ordered = [...changes.filter((c) => c._tag !== "Removed"), ...changes.filter((c) => c._tag === "Removed").reverse()]
  for (const c of ordered) {
    const keys = tokens(c.path)
    if (keys.length === 0) {
      root = c._tag === "Removed" ? undefined : structuredClone(c.after)
      continue
    }
    let target = root as Record<string | number, unknown>
    for (const k of keys.slice(0, -1)) target = target[k] as Record<string | number, unknown>
    const last = keys[keys.length - 1]!
    if (c._tag === "Removed") {
      if (Array.isArray(target)) target.splice(last as number, 1)
      else delete target[last]
    } else target[last] = structuredClone(c.after)
  }
  return root
}
