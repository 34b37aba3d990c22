import { assert, describe, it } from "@effect/vitest"
import { eld } from "eld/small"
import * as fc from "fast-check"
import { eldEnPl } from "../../domain/Pii/EldEnPl.ts"

const reference = eld.newInstance()
reference.setLanguageSubset(["en", "pl"])
const byEld = (t: string) => reference.detect(t).language

// Words of both languages, other scripts, apostrophes (eld keeps "don't" whole), digits, emoji (surrogate pairs).
const word = fc.oneof(
  fc.constantFrom("the", "and", "please", "write", "don't", "jest", "się", "żeby", "proszę", "Łódź", "naïve", "Straße", "при", "東京", "😀", "o'clock", "x`y"),
  fc.string({ unit: fc.constantFrom(..."abcdeęłńóśźżząćhijklmnoprstuwyzqvx'’`-".split("")), minLength: 1, maxLength: 14 })
)
const sep = fc.constantFrom(" ", "  ", ", ", ". ", "\n", " 12 ", " - ", "!", " (", ") ")
const text = fc.array(fc.tuple(word, sep), { maxLength: 40 }).map((ws) => ws.map(([w, s]) => w + s).join(""))

describe("eldEnPl", () => {
  it("answers as eld with the subset [en, pl] on mixed random text", () => {
    fc.assert(fc.property(text, (t) => assert.strictEqual(eldEnPl(t) || "", byEld(t), JSON.stringify(t))), { numRuns: 3000 })
  })

  it("answers as eld on plain sentences, empty text and text without letters", () => {
    for (const t of ["Please write a short poem about the sea.", "Napisz krótki wiersz o morzu, proszę.", "", "12345 !!!", "ok", "Zażółć gęślą jaźń"]) {
      assert.strictEqual(eldEnPl(t) || "", byEld(t), t)
    }
    assert.strictEqual(eldEnPl("Napisz krótki wiersz o morzu, proszę."), "pl")
    assert.strictEqual(eldEnPl("Please write a short poem about the sea."), "en")
  })
})
