import { fitFeaturized } from "../domain/ClassifierFit.ts"
import { classifierSpec, classifierTrainOptions } from "../domain/ClassifierSpec.ts"
import { dotDense, featurize, sigmoid, type Sparse, termCounts, toScore } from "../domain/Features.ts"
import { foldText } from "../domain/FeaturesText.ts"
import { calibrate, calibrationFeatures, neighbours } from "../domain/Semantic.ts"
import { buildSemantic, defaultBuildOptions } from "../domain/SemanticBuild.ts"
import type { DataRow } from "./trainData.ts"

/**
 * Leave-one-source-out: for each fold, branch B's index and branch C's weights are built without the
 * held-out rows and without any row whose folded text equals a held-out one (the same prompt filed under
 * two sources would otherwise be scored by a model that has seen it). The held-out rows are then scored.
 */
export type Grouping = "source" | "repo"

export const foldKey = (row: DataRow, grouping: Grouping): string =>
  grouping === "repo" ? row.source.replace(/@.*$/, "") : row.source

export interface HeldOutScores {
  readonly semantic: Float64Array
  readonly classifier: Float64Array
  readonly folds: ReadonlyArray<{ readonly key: string; readonly rows: number; readonly trainRows: number; readonly excludedDuplicates: number }>
}

export const runFolds = (rows: ReadonlyArray<DataRow>, grouping: Grouping, log: (line: string) => void): HeldOutScores => {
  const keys = rows.map((r) => foldText(r.text))
  const cx: Array<Sparse> = rows.map((r) => featurize(r.text, classifierSpec))
  const bx: Array<Sparse> = rows.map((r) => termCounts(r.text, defaultBuildOptions.spec))
  const semantic = new Float64Array(rows.length)
  const classifier = new Float64Array(rows.length)
  const folds: Array<HeldOutScores["folds"][number]> = []
  const groups = [...new Set(rows.filter((r) => r.trainOnly !== true).map((r) => foldKey(r, grouping)))].sort()
  for (const [n, group] of groups.entries()) {
    const started = performance.now()
    const held: Array<number> = []
    rows.forEach((r, i) => r.trainOnly !== true && foldKey(r, grouping) === group && held.push(i))
    const heldKeys = new Set(held.map((i) => keys[i]!))
    const train: Array<number> = []
    let excludedDuplicates = 0
    rows.forEach((r, i) => {
      if (r.trainOnly !== true && foldKey(r, grouping) === group) return
      if (heldKeys.has(keys[i]!)) excludedDuplicates++
      else train.push(i)
    })
    const model = fitFeaturized(train.map((i) => ({ x: cx[i]!, y: rows[i]!.y, source: rows[i]!.source })), classifierSpec, classifierTrainOptions)
    const index = buildSemantic(
      train.map((i) => ({ text: rows[i]!.text, label: rows[i]!.y, category: rows[i]!.category, source: rows[i]!.source })),
      defaultBuildOptions,
      train.map((i) => bx[i]!)
    )
    for (const i of held) {
      classifier[i] = toScore(sigmoid(dotDense(cx[i]!, model.weights) + model.bias))
      semantic[i] = toScore(calibrate(index.calibration, calibrationFeatures(neighbours(index, rows[i]!.text))))
    }
    folds.push({ key: group, rows: held.length, trainRows: train.length, excludedDuplicates })
    log(`fold ${n + 1}/${groups.length} ${group} (${held.length} held out, ${excludedDuplicates} duplicates left out) ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  return { semantic, classifier, folds }
}
