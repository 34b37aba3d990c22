import { Schema } from "effect"
import defaults from "../infra/pii/config.json" with { type: "json" }

/**
 * PII settings as data: per-entity switch and threshold, context words, allow and deny lists, operators.
 * The default is infra/pii/config.json; the `pii` key of the `vigil-config` KV bucket replaces it live.
 */

const Probability = Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 }))
const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

export const Operator = Schema.Union([
  /** `[EMAIL_ADDRESS]`; `token` is a template in which `{type}` is the entity type. */
  Schema.Struct({ type: Schema.Literal("replace"), token: Schema.optionalKey(Schema.String) }),
  Schema.Struct({ type: Schema.Literal("redact") }),
  /** Masks all but the last `keep` characters (separators kept, so the shape stays readable). */
  Schema.Struct({ type: Schema.Literal("mask"), keep: Count, char: Schema.optionalKey(Schema.String.check(Schema.isBetweenLength(1, 1))) }),
  /** SHA-256 of salt + value: stable across requests for one salt, so a value can be followed without being shown. */
  Schema.Struct({ type: Schema.Literal("hash") }),
  /** `[PERSON_1]`, `[PERSON_2]`: the mapping goes back to the caller, who can restore the values. */
  Schema.Struct({ type: Schema.Literal("pseudonymize") })
])
export type Operator = typeof Operator.Type

export const EntitySettings = Schema.Struct({ enabled: Schema.Boolean, threshold: Probability })

/**
 * A type reported only when the prompt backs it up: another finding of one of `byTypes`, or one of
 * `byWords` anywhere in it ("my client", "pacjent", "Dear"). A name alone in a question is mostly a public
 * figure ("Who did Lucy Liu play in Elementary?"); a name beside an e-mail or a PESEL is a person's data.
 */
export const Corroboration = Schema.Struct({ byTypes: Schema.Array(Schema.String), byWords: Schema.Array(Schema.NonEmptyString) })

export class PiiConfig extends Schema.Class<PiiConfig>("vigil/PiiConfig")({
  version: Schema.String,
  entities: Schema.Record(Schema.String, EntitySettings),
  /** Score given to a type the config does not name (e.g. from a user recogniser). */
  defaultThreshold: Probability,
  context: Schema.Struct({
    /** How far (UTF-16 units) before and after a finding a context word counts. */
    before: Count,
    after: Count,
    boost: Probability,
    words: Schema.Record(Schema.String, Schema.Array(Schema.NonEmptyString)),
    /**
     * A word naming another type lowers a finding by `boost` when none of its own words is near:
     * "REGON: 266028604" with a bad check digit is not a phone number just because it has nine digits.
     */
    penalizedBy: Schema.Record(Schema.String, Schema.Array(Schema.String))
  }),
  /** Per type; absent means every finding over its threshold stands alone (the behaviour before it existed). */
  corroborate: Schema.optionalKey(Schema.Record(Schema.String, Corroboration)),
  /** Values never reported (compared case-insensitively): placeholders, model and product names. */
  allow: Schema.Array(Schema.String),
  /** Terms always reported as the given type, e.g. internal code names. */
  deny: Schema.Record(Schema.String, Schema.Array(Schema.NonEmptyString)),
  operators: Schema.Struct({ default: Operator, byType: Schema.Record(Schema.String, Operator) }),
  hashSalt: Schema.String,
  /** Language detection reads at most this many characters: enough for pl/en, bounded in cost. */
  languageSampleChars: Count
}) {}

export const decodePiiConfig = Schema.decodeUnknownExit(PiiConfig)

// Decoding the file once at load makes a broken default fail loudly at start-up, not per request.
export const defaultPiiConfig: PiiConfig = Schema.decodeUnknownSync(PiiConfig)(defaults)
