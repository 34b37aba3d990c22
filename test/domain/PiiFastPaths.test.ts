import { assert, describe, it } from "@effect/vitest"
import { eld } from "eld/small"
import * as fc from "fast-check"
import { detectLanguage, EN_WORDS, isPlLetter, PL_WORDS } from "../../domain/Pii/Language.ts"
import { isWordChar, person, wellCased } from "../../domain/Pii/Person.ts"
import { ambiguous, firstNames, NOT_SURNAME, PL_SURNAME_SHAPE, surnames, surnameShape, TITLE_BEFORE, titleBefore, TITLES } from "../../domain/Pii/PersonLexicon.ts"
import { withoutFindings } from "../../domain/Pii.ts"
import { referencePerson } from "./PiiPersonReference.ts"

// The definitions the fast paths replaced, kept here as the reference they must agree with.
const referenceWellCased = (w: string) => w[0] !== w[0]!.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase()
const eldPlEn = eld.newInstance()
eldPlEn.setLanguageSubset(["en", "pl"])

const latin = fc.constantFrom(..."AaZzÀàÖöØøÞþßÿĀāŁłŚśŻżĄąİıſŸ-".split(""))
const word = fc.string({ unit: latin, minLength: 1, maxLength: 14 })
// What Person.ts hands to wellCased: matches of its capitalised-word pattern.
const UP = "A-ZÀ-ÖØ-Þ\u0100-\u017F"
const LOW = "a-zß-öø-ÿ\u0100-\u017F"
const CAPITALISED = new RegExp(`^[${UP}][${LOW}]+(?:-[${UP}][${LOW}]+)?$`)
const capitalised = fc.string({ unit: latin, minLength: 2, maxLength: 10 }).filter((w) => CAPITALISED.test(w))
const token = fc.oneof(word, fc.constantFrom("the", "Please", "jest", "SIĘ", "Żeby", "proszę", "İstanbul", "KELVIN\u212A", "12", "write", "przedsiębiorstwo", "PRZEDSIĘBIORSTWO", "uncharacteristically"))
const text = fc.array(fc.tuple(token, fc.constantFrom(" ", ", ", ".\n", " - ")), { maxLength: 60 }).map((ts) => ts.map(([t, s]) => t + s).join(""))

describe("fast paths agree with what they replaced", () => {
  it("wellCased: the Latin-1 shortcut answers as the full case test on capitalised-word matches", () => {
    fc.assert(fc.property(capitalised, (w) => assert.strictEqual(wellCased(w), referenceWellCased(w), JSON.stringify(w))), { numRuns: 20000 })
    assert.ok(wellCased("Żaneta") && wellCased("Zoë") && !wellCased("Anna-Maria") && !wellCased("ŻAneta"))
  })

  it("isWordChar: the char-code test is the class it replaced, on every UTF-16 code unit", () => {
    const WORD_CHAR = /[A-Za-z0-9_À-ÖØ-öø-ÿ\u0100-\u017F]/
    for (let c = 0; c < 0x10000; c++) assert.strictEqual(isWordChar(c), WORD_CHAR.test(String.fromCharCode(c)), c.toString(16))
    assert.deepStrictEqual(person("McDonald met Anna Nowak").map((p) => [p.start, p.end]), [[13, 23]])
  })

  it("isPlLetter: the char-code test is the case-blind class it replaced, on every UTF-16 code unit", () => {
    for (let c = 0; c < 0x10000; c++) assert.strictEqual(isPlLetter(c), /[ąćęłńóśźż]/i.test(String.fromCharCode(c)), c.toString(16))
  })

  it("detectLanguage: the char-code word pass answers as the regex word pass, for any sample length", () => {
    const reference = (t: string, sampleChars: number): string => {
      const sample = t.length > sampleChars ? t.slice(0, sampleChars) : t
      let pl = 0
      let en = 0
      let plWords = 0
      let enWords = 0
      for (const m of sample.matchAll(/[A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u017F]+/g)) {
        const w = m[0].toLowerCase()
        const long = w.length > 1 ? 1 : 0
        if (PL_WORDS.has(w)) {
          pl++
          if (!EN_WORDS.has(w)) plWords += long
        } else if (EN_WORDS.has(w)) {
          en++
          enWords += long
        }
        if (/[ąćęłńóśźż]/i.test(w)) {
          pl++
          plWords++
        }
      }
      if (pl >= en * 2 + 3) return "pl"
      if (en >= pl * 2 + 3) return "en"
      if (Math.max(plWords, enWords) >= 3 && plWords !== enWords) return plWords > enWords ? "pl" : "en"
      const r = eldPlEn.detect(sample.slice(0, 120)).language
      return r === "pl" || r === "en" ? r : "unknown"
    }
    const sampleChars = fc.constantFrom(240, 240, 0, 3, 17, 120, 1000, -5, 10.5, Number.NaN)
    fc.assert(fc.property(text, sampleChars, (t, k) => assert.strictEqual(detectLanguage(t, k), reference(t, k), JSON.stringify([t, k]))), { numRuns: 4000 })
  })

  // Names of every kind, titles in any case, surname shapes, ordinary capitalised words, joined as prose or not.
  const lexiconWord = fc.oneof(
    fc.constantFrom(...firstNames), fc.constantFrom(...surnames), fc.constantFrom(...ambiguous), fc.constantFrom(...NOT_SURNAME),
    fc.constantFrom(...TITLES).chain((t) => fc.constantFrom(t, t.toLowerCase(), t.toUpperCase(), t + ".")),
    fc.constantFrom("Kowalskiego", "Nowakowskiej", "Mickiewicz", "Wiśniewską", "Dzierżyńskiemu", "Pawlaczyk", "Shaker", "Łukasz-Ąnna")
  )
  const prose = fc.array(fc.tuple(fc.oneof(lexiconWord, word, capitalised), fc.constantFrom(" ", " ", ". ", ", ", "-", "\n", "x", "")), { maxLength: 30 })
    .map((ts) => ts.map(([t, s]) => t + s).join(""))

  it("person: one lexicon lookup per word and guarded regexes find what the set-by-set version found", () => {
    fc.assert(fc.property(prose, (t) => assert.deepStrictEqual(person(t), referencePerson(t), JSON.stringify(t))), { numRuns: 5000 })
    assert.deepStrictEqual(person("Dear Mrs. Anna Nowak and pan Kowalski").map((p) => [p.start, p.end]), [[10, 20], [29, 37]])
  })

  it("titleBefore and surnameShape answer as the regexes they guard", () => {
    const titleish = fc.string({ unit: fc.constantFrom(..."mrsiMRSIdDpPaAnNoOfFuUeEąĄſıİ\u212A. x".split("")), maxLength: 14 })
    fc.assert(fc.property(titleish, (s) => {
      for (let i = 1; i <= s.length; i++) {
        if (s[i - 1] === " ") assert.strictEqual(titleBefore(s, i), TITLE_BEFORE.test(s.slice(Math.max(0, i - 9), i)), JSON.stringify([s, i]))
      }
    }), { numRuns: 20000 })
    const ending = fc.tuple(capitalised, fc.constantFrom("", "ski", "cka", "dzkiego", "wicz", "wiczową", "czyk", "czykiem", "ą", "owi", "ek"))
      .map(([w, e]) => w + e)
    fc.assert(fc.property(ending, (w) => assert.strictEqual(surnameShape(w), PL_SURNAME_SHAPE.test(w), w)), { numRuns: 20000 })
  })

  it("withoutFindings built only as far as the language sample gives the sample and the language of the whole", () => {
    const spans = fc.array(fc.tuple(fc.nat(300), fc.nat(12)), { maxLength: 8 }).map((xs) => {
      const sorted = xs.map(([s, n]) => ({ type: "X", start: s, end: s + n, score: 1 })).sort((a, b) => a.start - b.start)
      return sorted.filter((e, i) => i === 0 || e.start >= sorted[i - 1]!.end)
    })
    fc.assert(fc.property(text, spans, fc.constantFrom(0, 1, 5, 40, 240, 1000), (t, es, k) => {
      const inside = es.filter((e) => e.end <= t.length)
      const whole = withoutFindings(t, inside)
      const built = withoutFindings(t, inside, k)
      assert.strictEqual(built.slice(0, k), whole.slice(0, k))
      assert.strictEqual(Math.min(built.length, k), Math.min(whole.length, k))
      assert.strictEqual(detectLanguage(built, k), detectLanguage(whole, k))
    }), { numRuns: 3000 })
  })
})
