import { z } from "@medusajs/framework/zod"
import { ATTRIBUTION_MODELS } from "../../core/attribution/types"
import { parseInstant } from "./instant"
import { canonicalTimeZone } from "./time-zone"

/**
 * Query parameters shared by the report routes (docs/reports-api.md, "Common query
 * parameters"). Every value arrives as a string (or an array when repeated, which fails the
 * string check and is named in the 400).
 */

const DAY_MS = 86_400_000
export const DEFAULT_RANGE_DAYS = 30

const oneOf = (values: readonly string[]) => ({ error: `must be one of ${values.join(", ")}` })

export const modelField = z.enum(ATTRIBUTION_MODELS, oneOf(ATTRIBUTION_MODELS)).default("last_non_direct")

export const currencyField = z
  .string({ error: "must be an ISO 4217 code like USD" })
  .regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code like USD")
  .transform((c) => c.toUpperCase())

/** `true` or `false`, nothing else (`1`, `yes` and an empty value are refused, not guessed). */
export const booleanField = z.enum(["true", "false"], oneOf(["true", "false"])).transform((v) => v === "true")

export const timeZoneField = z
  .string({ error: "must be an IANA time zone like Europe/Paris" })
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name)
    if (!zone) {
      ctx.addIssue({ code: "custom", message: `${name.slice(0, 64)} is not an IANA time zone (like Europe/Paris or UTC)` })
      return z.NEVER
    }
    return zone
  })

const instantText = z.string({ error: "must be an ISO 8601 date or date-time like 2026-11-01 or 2026-11-01T10:00:00Z" })

/** An integer in [min, max], given as digits. */
export const integerField = (min: number, max: number) =>
  z
    .string({ error: `must be an integer from ${min} to ${max}` })
    .regex(/^\d{1,9}$/, `must be an integer from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be an integer from ${min} to ${max}`)

/** `from`, `to` and the zone they are read in; `from`/`to` resolved by `withRange`. */
export const rangeFields = {
  from: instantText.optional(),
  to: instantText.optional(),
  timezone: timeZoneField.default("UTC"),
}

/** The fields of every aggregated report: the range, the model, the currency, test mode. */
export const reportFields = {
  ...rangeFields,
  model: modelField,
  currency: currencyField.optional(),
  include_test: booleanField.default(false),
}

type RawRange = { from?: string; to?: string; timezone: string }
export type Range = { from: Date; to: Date; timezone: string }

/**
 * Resolves `from` and `to` in the query's time zone: `to` defaults to now, `from` to 30 days
 * before `to`; `from` must come before `to`. Use as a schema's `.transform`.
 */
export function withRange<Q extends RawRange>(q: Q, ctx: z.RefinementCtx): Omit<Q, "from" | "to"> & Range {
  const read = (field: "from" | "to") => {
    const text = q[field]
    if (text === undefined) return undefined
    const at = parseInstant(text, q.timezone)
    if (!at) {
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: "must be an ISO 8601 date or date-time like 2026-11-01 or 2026-11-01T10:00:00Z",
      })
    }
    return at
  }
  const from = read("from")
  const to = read("to")
  if (from === null || to === null) return z.NEVER
  const end = to ?? new Date()
  const start = from ?? new Date(end.getTime() - DEFAULT_RANGE_DAYS * DAY_MS)
  if (!(start < end)) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "must be before `to`" })
    return z.NEVER
  }
  return { ...q, from: start, to: end }
}
