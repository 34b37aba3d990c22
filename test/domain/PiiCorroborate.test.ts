import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import names from "../../infra/pii/names.json" with { type: "json" }
import { detect } from "../../domain/Pii.ts"
import { uncorroborated } from "../../domain/Pii/Corroborate.ts"
import { defaultPiiConfig, PiiConfig } from "../../domain/PiiConfig.ts"
import { email, validPesel } from "./Generators.ts"

const ambiguous = new Set(names.ambiguous)
// Full names from the lexicon, minus those that are also ordinary words or allow-listed placeholders.
const fullName = fc.tuple(fc.constantFrom(...names.en_first, ...names.pl_first), fc.constantFrom(...names.en_last, ...names.pl_last))
  .filter(([f]) => !ambiguous.has(f))
  .map(([f, l]) => `${f} ${l}`)
  .filter((n) => !defaultPiiConfig.allow.some((a) => a.toLowerCase() === n.toLowerCase()))
// Questions about someone, as trivia prompts ask them: nothing in them backs a name up.
const question = fc.constantFrom(
  (n: string) => `Who did ${n} play in that film?`,
  (n: string) => `When did ${n} write the first novel?`,
  (n: string) => `W którym roku ${n} zdobył medal?`
)
const people = (text: string, config = defaultPiiConfig) => detect(text, config).filter((f) => f.type === "PERSON").map((f) => f.text)
const loose = (() => {
  const { corroborate: _, ...rest } = defaultPiiConfig
  return new PiiConfig(rest)
})()

describe("PERSON needs corroboration", () => {
  it("a lone name in a question is not reported; the same name beside an e-mail, a PESEL or a personal word is", () => {
    fc.assert(fc.property(fullName, question, email, validPesel, fc.constantFrom("my client", "Dear", "mój klient", "pacjent"), (name, ask, mail, pesel, word) => {
      const text = ask(name)
      assert.deepStrictEqual(people(text), [], text)
      assert.deepStrictEqual(people(text, loose), [name], `without corroborate: ${text}`)
      assert.deepStrictEqual(people(`${text} (${mail})`), [name])
      assert.deepStrictEqual(people(`${text} PESEL ${pesel}`), [name])
      assert.deepStrictEqual(people(`${word} ${text}`), [name])
    }), { numRuns: 200 })
  })

  it("dropping names changes nothing else; with no corroborate rules nothing is dropped", () => {
    fc.assert(fc.property(fullName, question, fc.option(email, { nil: undefined }), (name, ask, mail) => {
      const text = ask(name) + (mail === undefined ? "" : ` (${mail})`)
      const strict = detect(text)
      const all = detect(text, loose)
      assert.deepStrictEqual(strict.filter((f) => f.type !== "PERSON"), all.filter((f) => f.type !== "PERSON"))
      for (const p of strict.filter((f) => f.type === "PERSON")) assert.isTrue(all.some((a) => a.start === p.start && a.end === p.end), text)
      assert.strictEqual(uncorroborated(text, all, loose), undefined)
    }), { numRuns: 200 })
  })

  it("a deny-list term stands alone; a bad corroborate rule is refused by the Schema", () => {
    const config = new PiiConfig({ ...defaultPiiConfig, deny: { PERSON: ["Projekt Orzeł"] } })
    assert.deepStrictEqual(people("Jak idzie Projekt Orzeł?", config), ["Projekt Orzeł"])
    assert.throws(() => new PiiConfig({ ...defaultPiiConfig, corroborate: { PERSON: { byTypes: [], byWords: [""] } } }))
  })
})
