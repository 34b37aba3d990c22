import { gunzipSync, gzipSync } from "node:zlib"
import type { ClassifierModel } from "../domain/Classifier.ts"
import type { FeatureSpec } from "../domain/Features.ts"
import type { SemanticIndex } from "../domain/Semantic.ts"
import { tablesOf } from "../domain/SemanticTables.ts"
import { IDF_STEPS } from "../domain/SemanticBuild.ts"

/**
 * The on-disk form of the trained branches: gzipped JSON whose large arrays are base64 little-endian
 * typed arrays. Weights in a SemanticIndex are already quantised when built (SemanticBuild.ts), so
 * writing and reading back loses nothing.
 */
export const CLASSIFIER_FORMAT = "vigil-classifier/1"
export const SEMANTIC_FORMAT = "vigil-semantic/1"

const b64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64")
const bytes = (s: string): Buffer => {
  const b = Buffer.from(s, "base64")
  // Typed-array views need an aligned offset, and a pooled Buffer may not have one.
  return Buffer.from(new Uint8Array(b))
}
const u32 = (s: string) => { const b = bytes(s); return new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4) }
const u16 = (s: string) => { const b = bytes(s); return new Uint16Array(b.buffer, b.byteOffset, b.byteLength / 2) }
const f32 = (s: string) => { const b = bytes(s); return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4) }
const u8 = (s: string) => new Uint8Array(bytes(s))

export class ArtifactError extends Error {}

const parse = (gz: Uint8Array, format: string, what: string): Record<string, any> => {
  let doc: Record<string, any>
  try {
    doc = JSON.parse(gunzipSync(gz).toString("utf8"))
  } catch (e) {
    throw new ArtifactError(`${what}: not a gzipped JSON artifact (${(e as Error).message})`)
  }
  if (doc["format"] !== format) throw new ArtifactError(`${what}: format ${String(doc["format"])}, expected ${format}`)
  return doc
}

export const encodeClassifier = (m: ClassifierModel, meta: Record<string, unknown> = {}): Buffer =>
  gzipSync(JSON.stringify({ format: CLASSIFIER_FORMAT, meta, spec: m.spec, bias: m.bias, weights: b64(m.weights) }), { level: 9 })

export const decodeClassifier = (gz: Uint8Array, what = "classifier artifact"): ClassifierModel => {
  const doc = parse(gz, CLASSIFIER_FORMAT, what)
  const spec = doc["spec"] as FeatureSpec
  const weights = f32(doc["weights"])
  if (weights.length !== 1 << spec.bits) throw new ArtifactError(`${what}: ${weights.length} weights for 2^${spec.bits} features`)
  return { spec, weights, bias: Number(doc["bias"]) }
}

export const encodeSemantic = (ix: SemanticIndex, meta: Record<string, unknown> = {}): Buffer => {
  const features = [...ix.postings.keys()].sort((a, b) => a - b)
  const lists = features.map((f) => ix.postings.get(f)!)
  const idfFeatures = [...ix.idf.keys()].sort((a, b) => a - b)
  return gzipSync(JSON.stringify({
    format: SEMANTIC_FORMAT,
    meta,
    spec: ix.spec,
    unseenIdf: ix.unseenIdf,
    calibration: ix.calibration,
    categories: ix.categories,
    labels: b64(ix.labels),
    categoryOf: b64(ix.categoryOf),
    sourceOf: b64(ix.sourceOf),
    idfFeatures: b64(Uint32Array.from(idfFeatures)),
    idf: b64(Uint8Array.from(idfFeatures.map((f) => Math.round(ix.idf.get(f)! * IDF_STEPS)))),
    features: b64(Uint32Array.from(features)),
    lengths: b64(Uint32Array.from(lists.map((l) => l.docs.length))),
    docs: b64(Uint32Array.from(lists.flatMap((l) => [...l.docs]))),
    weights: b64(Uint8Array.from(lists.flatMap((l) => [...l.weights].map((w) => Math.round(w * 255)))))
  }), { level: 9 })
}

export const decodeSemantic = (gz: Uint8Array, what = "semantic artifact"): SemanticIndex => {
  const doc = parse(gz, SEMANTIC_FORMAT, what)
  const idfFeatures = u32(doc["idfFeatures"]), idfValues = u8(doc["idf"])
  const features = u32(doc["features"]), lengths = u32(doc["lengths"]), docs = u32(doc["docs"]), weights = u8(doc["weights"])
  const postings = new Map<number, { docs: Uint32Array; weights: Float32Array }>()
  let at = 0
  features.forEach((f, i) => {
    const n = lengths[i]!
    postings.set(f, { docs: docs.slice(at, at + n), weights: Float32Array.from(weights.subarray(at, at + n), (w) => w / 255) })
    at += n
  })
  if (at !== docs.length) throw new ArtifactError(`${what}: posting lengths do not add up`)
  const index: SemanticIndex = {
    spec: doc["spec"] as FeatureSpec,
    idf: new Map(Array.from(idfFeatures, (f, i) => [f, idfValues[i]! / IDF_STEPS] as const)),
    unseenIdf: Number(doc["unseenIdf"]),
    postings,
    labels: u8(doc["labels"]),
    categories: doc["categories"] as Array<string>,
    categoryOf: u16(doc["categoryOf"]),
    sourceOf: u16(doc["sourceOf"]),
    calibration: doc["calibration"] as Array<number>
  }
  // The query tables are built here, at load, not by the first request.
  tablesOf(index)
  return index
}
