import { eld } from "eld/small"

/**
 * eld's `detect` with the subset ["en", "pl"], for Language.ts, computed the way eld 2.1.0 computes it
 * (src/languageDetector.js, Apache-2.0, Nito T.M.) but scoring only English and Polish: eld adds every
 * n-gram's score to all 60 languages and drops 58 of them afterwards, which was most of the ~100 µs a
 * call. Same words, same byte n-grams, same integer sums, same tie rule (English first, Polish only when
 * strictly higher), so the same answer: test/domain/PiiEldEnPl.test.ts compares it with eld itself. If the
 * installed eld's data is not the layout this was written against, eld itself is used.
 */

type Ngrams = Readonly<Record<string, Readonly<Record<number, number>> | undefined>>
const src = new URL("../../node_modules/eld/src/", import.meta.url).href
const load = async (file: string): Promise<any> => {
  try {
    return await import(src + file)
  } catch {
    return undefined
  }
}
const [ngramsModule, dictionaryModule, patternsModule] = await Promise.all([load("ngrams/small.js"), load("dictionary.js"), load("regexPatterns.js")])
const data = ngramsModule?.ngramsData as { type: string; languages: Record<number, string>; ngrams: Ngrams } | undefined
const dictionary = dictionaryModule?.dictionary as ReadonlyArray<string> | undefined
const separators = patternsModule?.separators as RegExp | undefined
const EN = 11
const PL = 41
const BASE_NGRAM_SCORE = 53

// Only the n-grams English or Polish score, with both sums' terms: a small map instead of eld's 60-language object.
const scored = new Map<string, readonly [number, number]>()
if (data !== undefined) {
  for (const ngram in data.ngrams) {
    const scores = data.ngrams[ngram]!
    const e = scores[EN]
    const p = scores[PL]
    if (e !== undefined || p !== undefined) scored.set(ngram, [e === undefined ? 0 : e + BASE_NGRAM_SCORE, p === undefined ? 0 : p + BASE_NGRAM_SCORE])
  }
}

const fallback = eld.newInstance()
fallback.setLanguageSubset(["en", "pl"])

const usable = data?.type === "S60" && data.languages[EN] === "en" && data.languages[PL] === "pl" &&
  dictionary?.length === 256 && separators instanceof RegExp

// eld's strToUtf8Bytes: words of UTF-8 bytes spelled with its dictionary, cut after ~350 bytes.
const utf8Words = (str: string, dict: ReadonlyArray<string>): Array<string> => {
  let encoded = ""
  const words: Array<string> = []
  let countBytes = 0
  for (let ii = 0; ii < str.length; ii++) {
    let charCode = str.charCodeAt(ii)
    if (charCode < 0x80) {
      if (charCode === 32) {
        if (encoded !== "") {
          words.push(encoded)
          encoded = ""
        }
        if (countBytes > 350) break
      } else encoded += str[ii]
      countBytes++
    } else if (charCode < 0x800) {
      encoded += dict[0xc0 | (charCode >> 6)]! + dict[0x80 | (charCode & 0x3f)]!
      countBytes += 2
    } else if (charCode < 0xd800 || charCode >= 0xe000) {
      encoded += dict[0xe0 | (charCode >> 12)]! + dict[0x80 | ((charCode >> 6) & 0x3f)]! + dict[0x80 | (charCode & 0x3f)]!
      countBytes += 3
    } else {
      ii++
      charCode = 0x10000 + (((charCode & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff))
      encoded += dict[0xf0 | (charCode >> 18)]! + dict[0x80 | ((charCode >> 12) & 0x3f)]! + dict[0x80 | ((charCode >> 6) & 0x3f)]! + dict[0x80 | (charCode & 0x3f)]!
      countBytes += 4
    }
    if (countBytes > 380) break
  }
  if (encoded !== "") words.push(encoded)
  return words
}

// eld's getByteNgrams: 4-byte n-grams at a stride of 3, each counted once.
const byteNgrams = (words: ReadonlyArray<string>): Set<string> => {
  const out = new Set<string>()
  for (const word of words) {
    const len = word.length > 70 ? 70 : word.length
    let j
    for (j = 0; j + 4 < len; j += 3) out.add((j === 0 ? " " : "") + word.substring(j, j + 4))
    out.add((j === 0 ? " " : "") + word.substring(len !== 3 ? len - 4 : 0) + " ")
  }
  return out
}

export const eldEnPl = (text: string): "en" | "pl" | "" => {
  if (!usable) return fallback.detect(text).language as "en" | "pl" | ""
  const words = utf8Words(text.substring(0, 1000).replace(separators!, " ").trim().toLowerCase(), dictionary!)
  let en = 0
  let pl = 0
  for (const ngram of byteNgrams(words)) {
    const scores = scored.get(ngram)
    if (scores === undefined) continue
    en += scores[0]
    pl += scores[1]
  }
  return pl > 0 && pl > en ? "pl" : en > 0 ? "en" : ""
}
