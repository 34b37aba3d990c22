import { termCounts, weigh } from "./Features.ts"
import type { ReferenceRow } from "./ReferenceSet.ts"
import type { SemanticIndex } from "./Semantic.ts"
import { addPosting, defaultBuildOptions, forEachPosting, type PostingLists } from "./SemanticBuild.ts"
import { adoptTables, tablesOf } from "./SemanticTables.ts"
import { extendTables } from "./SemanticTablesExtend.ts"

export const USER_CATEGORY = "USER_REFERENCE"
export const USER_SOURCE = "user-reference"

/**
 * The index with an operator's reference rows added as documents. A row's vector is weighted as a query
 * is (the index's IDF, unseen features at the unseen value) and keeps its strongest features, quantised
 * as the built documents are, so a row scores against a prompt as a shipped document would. The IDF and
 * the calibration stay those of the shipped index: a few rows must not move every other prompt's score.
 * Returns a new index, with its query tables made from the base's (so a worker that serves is busy for
 * milliseconds, not for a compile of the whole index); the base is shared, not changed.
 */
export const withReferences = (base: SemanticIndex, rows: ReadonlyArray<ReferenceRow>, keepPerDoc = defaultBuildOptions.keepPerDoc): SemanticIndex => {
  if (rows.length === 0) return base
  const first = base.labels.length
  const categories = [...base.categories]
  const categoryId = (name: string) => {
    const at = categories.indexOf(name)
    return at >= 0 ? at : categories.push(name) - 1
  }
  const added: PostingLists = new Map()
  rows.forEach((row, i) => {
    const v = weigh(termCounts(row.text, base.spec), (f) => base.idf.get(f) ?? base.unseenIdf)
    forEachPosting(v, keepPerDoc, (feature, w) => addPosting(added, feature, first + i, w))
  })
  const postings = new Map(base.postings)
  for (const [f, list] of added) {
    const old = base.postings.get(f)
    const n = old?.docs.length ?? 0
    const docs = new Uint32Array(n + list.docs.length)
    const weights = new Float32Array(n + list.docs.length)
    if (old !== undefined) (docs.set(old.docs), weights.set(old.weights))
    docs.set(list.docs, n)
    weights.set(list.weights, n)
    postings.set(f, { docs, weights })
  }
  const rowCategories = rows.map((r) => categoryId(r.category ?? USER_CATEGORY))
  const source = base.sourceOf.reduce((m, s) => Math.max(m, s), -1) + 1
  const index: SemanticIndex = {
    ...base,
    postings,
    labels: Uint8Array.from([...base.labels, ...rows.map((r) => (r.label === "attack" ? 1 : 0))]),
    categories,
    categoryOf: Uint16Array.from([...base.categoryOf, ...rowCategories]),
    sourceOf: Uint16Array.from([...base.sourceOf, ...rows.map(() => source)]),
    docNames: new Map([...(base.docNames ?? []), ...rows.map((r, i) => [first + i, r.id] as const)])
  }
  return adoptTables(index, extendTables(tablesOf(base), index, added))
}
