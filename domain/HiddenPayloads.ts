/**
 * Text hidden in a prompt as base64, hex, URL-encoding, HTML entities, Unicode tag characters or Morse,
 * decoded so the heuristics' patterns can run on it as one more view (`Heuristics.ts`).
 */

import { Mark, mayHoldHex, percentRuns, type Survey, survey } from "./EncodedRuns.ts"
import { decodeMorse } from "./Morse.ts"

const HEX_RUN = /(?:[0-9a-fA-F]{2}){8,}|(?:\\x[0-9a-fA-F]{2}){4,}|(?:[0-9a-fA-F]{2}[ :,]){7,}[0-9a-fA-F]{2}/g
const TAG_RUN = /[\u{E0020}-\u{E007E}]+/gu
const PRINTABLE = /[\p{L}\p{N}\p{P}\p{S}\p{Zs}\n\r\t]/gu
const utf8 = new TextDecoder("utf-8", { fatal: true })

// Identifiers, hashes and long words are valid base64 and hex too; they decode to binary noise,
// which the printable-and-has-words test throws away.
const readable = (text: string): string | undefined => {
  if (text.length < 6) return undefined
  const printable = text.match(PRINTABLE)?.length ?? 0
  const letters = text.match(/\p{L}/gu)?.length ?? 0
  return printable / text.length >= 0.9 && letters >= 4 && /\p{L}{2,}/u.test(text) ? text : undefined
}

// Most candidates (long words, identifiers) are not UTF-8 once decoded, and a thrown error costs more than
// the decoding: the lenient decoder answers first, and only a text with U+FFFD in it (bad bytes, or a real
// U+FFFD) goes through the strict one.
const lenient = new TextDecoder("utf-8")
const hasEncodedReplacement = (bytes: Uint8Array): boolean => {
  for (let i = bytes.indexOf(0xEF); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xEF, i + 1)) {
    if (bytes[i + 1] === 0xBF && bytes[i + 2] === 0xBD) return true
  }
  return false
}
const bytesToText = (bytes: Uint8Array): string | undefined => {
  const text = lenient.decode(bytes)
  if (!text.includes("\uFFFD")) return readable(text)
  // A replacement character with no encoded one (EF BF BD) among the bytes stands for bad bytes.
  if (!hasEncodedReplacement(bytes)) return undefined
  try {
    return readable(utf8.decode(bytes))
  } catch {
    return undefined
  }
}

// A run's characters are base64 digits (the URL-safe "-" and "_" read as "+" and "/"), then up to two "=".
const DIGIT = new Int8Array(128).fill(-1)
Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", (c, i) => { DIGIT[c.charCodeAt(0)] = i })
DIGIT[45] = 62
DIGIT[95] = 63

/**
 * The bytes `atob` gives for a run once its padding is stripped and a lone last digit dropped (leftover
 * bits discarded, as atob does), or undefined where atob would throw. Decoded here because a string of
 * Latin-1 characters copied byte by byte through a callback cost ten times the decoding.
 */
export const base64Bytes = (run: string): Uint8Array | undefined => {
  let n = run.length
  while (n > 0 && run.charCodeAt(n - 1) === 61) n--
  if (n % 4 === 1) n--
  const out = new Uint8Array((n * 3) >> 2)
  let bits = 0, acc = 0, o = 0
  for (let i = 0; i < n; i++) {
    const code = run.charCodeAt(i)
    const digit = code < 128 ? DIGIT[code]! : -1
    if (digit < 0) return undefined
    acc = ((acc << 6) | digit) & 0xFFFFFF
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xFF
    }
  }
  return out
}

const fromBase64 = (run: string): string | undefined => {
  const bytes = base64Bytes(run)
  return bytes === undefined ? undefined : bytesToText(bytes)
}

const fromHex = (run: string): string | undefined => {
  const digits = run.replace(/\\x|[ :,]/g, "")
  const bytes = new Uint8Array(digits.length >> 1)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16)
  return bytesToText(bytes)
}

const fromPercent = (run: string): string | undefined => {
  try {
    return readable(decodeURIComponent(run.replace(/\+/g, " ")))
  } catch {
    return undefined
  }
}

// HTML entities: "&#105;&#103;&#110;…" or "&lt;system&gt;". Decoded as one view of the whole text, and only
// when there are several, since one "&amp;" in a URL hides nothing.
const ENTITY = /&#(\d{1,7});|&#x([0-9a-f]{1,6});|&(lt|gt|amp|quot|apos|nbsp);/gi
const NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'", nbsp: " " }
const MIN_ENTITIES = 3
const fromEntities = (text: string): string | undefined => {
  if ((text.match(ENTITY)?.length ?? 0) < MIN_ENTITIES) return undefined
  const code = (n: number) => (n > 0 && n <= 0x10FFFF ? String.fromCodePoint(n) : "")
  return readable(text.replace(ENTITY, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
    dec !== undefined ? code(Number(dec)) : hex !== undefined ? code(parseInt(hex, 16)) : NAMED[name!.toLowerCase()] ?? ""))
}

const fromTags = (run: string): string =>
  String.fromCharCode(...Array.from(run, (c) => c.codePointAt(0)! - 0xE0000))

const MAX_PAYLOADS = 16

/**
 * Text hidden in the prompt (base64, hex, URL-encoding, HTML entities, Unicode tag characters, Morse), decoded so the same
 * patterns can run on it. One level of nesting is followed (base64 inside hex and the like). `surveyed`: the
 * text's `survey`, when the caller has it already.
 */
export const decodeHiddenPayloads = (text: string, surveyed: Survey = survey(text)): Array<string> => {
  const found = new Set<string>()
  const scan = (source: string, depth: number, runs: Survey): void => {
    const marks = runs.marks
    // In this order: tag characters, base64, hex, percent-encoding, Morse, entities. Pushed one by one (most
    // prompts have none of any kind; spreading six arrays allocated for nothing).
    const candidates: Array<string | undefined> = []
    // Tag characters (U+E0000-E007F) all start with the high surrogate DB40 in UTF-16.
    if ((marks & Mark.tagHigh) !== 0) for (const m of source.matchAll(TAG_RUN)) candidates.push(readable(fromTags(m[0])))
    for (const run of runs.base64) candidates.push(fromBase64(run))
    if (mayHoldHex(source, runs)) for (const m of source.matchAll(HEX_RUN)) candidates.push(fromHex(m[0]))
    if ((marks & Mark.percent) !== 0) for (const run of percentRuns(source)) candidates.push(fromPercent(run))
    if ((marks & MORSE) === MORSE && (source.includes(".-") || source.includes("-."))) candidates.push(...decodeMorse(source))
    if ((marks & Mark.ampersand) !== 0) candidates.push(fromEntities(source))
    for (const decoded of candidates) {
      if (decoded === undefined || found.has(decoded) || found.size >= MAX_PAYLOADS) continue
      found.add(decoded)
      if (depth > 0) scan(decoded, depth - 1, survey(decoded))
    }
  }
  scan(text, 1, surveyed)
  return Array.from(found)
}
const MORSE = Mark.dot | Mark.dash
