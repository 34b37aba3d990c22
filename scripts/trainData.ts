import { existsSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { contrastRows } from "./extraDataContrast.ts"
import { overrefusalRows } from "./extraDataContrastOverrefusal.ts"
import { extraRows } from "./extraData.ts"
import { extractionRows } from "./extraDataExtraction.ts"
import { jailbreakRows } from "./extraDataJailbreaks.ts"
import { polishJailbreakRows } from "./extraDataPolishJailbreaks.ts"

/** One labelled prompt from ../shared/data, with the origin it is held out by. */
export interface DataRow {
  readonly text: string
  readonly y: 0 | 1
  readonly category: string
  readonly language: string
  /** The row's `source`, or its file name when the file has none (the file counts as one source). */
  readonly source: string
  readonly file: string
  /** Written for Vigil (scripts/extraData*.ts): used for training, never held out or scored. */
  readonly trainOnly?: boolean
}

export const DATA_FILES = ["reference-attacks.jsonl", "reference-safe.jsonl", "dev-attacks.jsonl", "dev-benign.jsonl"] as const

/** VIGIL_DATA_DIR, else ../shared/data relative to the repository (the working directory of `pnpm`). */
export const dataDir = (): string => resolve(process.env["VIGIL_DATA_DIR"] ?? "../shared/data")

export const parseJsonl = (file: string, content: string): Array<DataRow> =>
  content.split("\n").flatMap((line, i) => {
    if (line.trim() === "") return []
    let r: { text?: unknown; label?: unknown; category?: unknown; language?: unknown; source?: unknown }
    try {
      r = JSON.parse(line)
    } catch (e) {
      throw new Error(`${file}:${i + 1}: not JSON (${(e as Error).message})`)
    }
    if (typeof r.text !== "string" || (r.label !== "malicious" && r.label !== "benign")) {
      throw new Error(`${file}:${i + 1}: needs "text" (string) and "label" ("malicious" or "benign")`)
    }
    return [{
      text: r.text,
      y: r.label === "malicious" ? 1 as const : 0 as const,
      category: typeof r.category === "string" ? r.category : "unknown",
      language: typeof r.language === "string" ? r.language : "unknown",
      source: typeof r.source === "string" ? r.source : file,
      file
    }]
  })

/** Every row written for Vigil (scripts/extraData*.ts), in a fixed order. */
export const writtenRows = (): Array<DataRow> =>
  [...extraRows(), ...jailbreakRows(), ...extractionRows(), ...contrastRows(), ...overrefusalRows(), ...polishJailbreakRows()]

const compare = (a: DataRow, b: DataRow): number =>
  a.text < b.text ? -1 : a.text > b.text ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : a.y - b.y

/** Every present data file, rows sorted so that training does not depend on file order. */
export const loadRows = (dir = dataDir(), files: ReadonlyArray<string> = DATA_FILES): Array<DataRow> => {
  const present = files.filter((f) => existsSync(join(dir, f)))
  if (!existsSync(dir) || present.length === 0) {
    throw new Error(
      `no training data in ${dir}: expected ${files.join(", ")}. Set VIGIL_DATA_DIR to the folder that holds them.`
    )
  }
  // VIGIL_EXTRA_DATA=0 trains on the shared data alone.
  const extra = process.env["VIGIL_EXTRA_DATA"] === "0" ? [] : writtenRows()
  return [...present.flatMap((f) => parseJsonl(f, readFileSync(join(dir, f), "utf8"))), ...extra].sort(compare)
}
