import { z } from "@medusajs/framework/zod"
import { CHANNELS } from "../../core/channel"
import { MAX_CODE_LENGTH, MAX_LABEL_LENGTH, normalizeCode } from "../../core/codes"
import { STORABLE, STORABLE_MESSAGE } from "../../core/text"
import { reportFields, withRange } from "../reports/query-fields"
import { DIMENSIONS } from "../reports/revenue-query"

/** Control characters have no place in a code or a label (and would break the CSV export and the admin). */
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/

/** A promotion code as typed in the admin or a URL: trimmed, upper-cased. */
export const codeField = z
  .string({ error: "must be a promotion code (text)" })
  .trim()
  .min(1, "must not be empty")
  .max(MAX_CODE_LENGTH, `must be at most ${MAX_CODE_LENGTH} characters`)
  .regex(NO_CONTROL, "must not contain control characters")
  .regex(STORABLE, STORABLE_MESSAGE)
  .transform(normalizeCode)

/** An optional source, medium or campaign: blank is none. */
const label = (lowerCase: boolean) =>
  z
    .string({ error: "must be text or null" })
    .trim()
    .max(MAX_LABEL_LENGTH, `must be at most ${MAX_LABEL_LENGTH} characters`)
    .regex(NO_CONTROL, "must not contain control characters")
    .regex(STORABLE, STORABLE_MESSAGE)
    .transform((v) => (v === "" ? null : lowerCase ? v.toLowerCase() : v))
    .nullish()
    .transform((v) => v ?? null)

/**
 * `POST /admin/attribution/code-mappings`. Source and medium are lower-cased like a session's
 * (so `group_by=source` adds a code's `anna` to `utm_source=anna`); the campaign keeps its case,
 * as `utm_campaign` does.
 */
export const CodeMappingBody = z.strictObject({
  code: codeField,
  channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(", ")}` }),
  source: label(true),
  medium: label(true),
  campaign: label(false),
})

export type CodeMappingBody = z.output<typeof CodeMappingBody>

/** `GET /admin/attribution/codes`: the common report fields and an optional split of each code. */
export const CodesQuery = z
  .object({
    ...reportFields,
    split_by: z.enum(DIMENSIONS, { error: `must be one of ${DIMENSIONS.join(", ")}` }).optional(),
  })
  .transform(withRange)

export type CodesQuery = z.infer<typeof CodesQuery>
