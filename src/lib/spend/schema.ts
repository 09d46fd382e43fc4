import { z } from "@medusajs/framework/zod"
import { readCurrency, readDay, validateSpendRow, type SpendRow } from "../../core/spend"
import { currencyField, integerField } from "../reports/query-fields"

/** Rows one JSON request may carry: a year of 100 campaigns a day. */
export const MAX_JSON_ROWS = 50_000

const text = z.string({ error: "must be text" }).nullable().optional()

/** `POST /admin/attribution/spend` (CONTRACT "Ad spend rows"): the shape; values are checked by validateSpendRow. */
export const SpendBody = z
  .object({
    rows: z
      .array(
        z.object({
          date: z.string({ error: "must be a date YYYY-MM-DD" }),
          campaign: text,
          source: text,
          medium: text,
          channel: text,
          amount: z.union([z.number(), z.string()], { error: "must be a number in major units, like 153.22" }),
          currency: z.string({ error: "must be an ISO 4217 code like USD" }),
        }),
        { error: "must be a list of spend rows" }
      )
      .min(1, "must hold at least one row")
      .max(MAX_JSON_ROWS, `must hold at most ${MAX_JSON_ROWS} rows`),
  })

export type SpendRowError = { row: number; field: string; message: string }

/** Every row validated; all of them, or every error with its row index (0-based) and field. */
export function validateRows(rows: z.infer<typeof SpendBody>["rows"]): { rows: SpendRow[] } | { errors: SpendRowError[] } {
  const valid: SpendRow[] = []
  const errors: SpendRowError[] = []
  rows.forEach((input, row) => {
    const result = validateSpendRow(input)
    if ("errors" in result) errors.push(...result.errors.map((e) => ({ row, field: e.field, message: e.message })))
    else valid.push(result.row)
  })
  return errors.length ? { errors } : { rows: valid }
}

const dayField = z.string({ error: "must be a day YYYY-MM-DD" }).transform((value, ctx) => {
  const day = readDay(value)
  if ("error" in day) {
    ctx.addIssue({ code: "custom", message: `must be a day YYYY-MM-DD (${day.error})` })
    return z.NEVER
  }
  return day.value
})

const knownCurrency = currencyField.refine((c) => !("error" in readCurrency(c)), "is not a known ISO 4217 code")

const range = <T extends { from?: string; to?: string }>(q: T, ctx: z.RefinementCtx) => {
  if (q.from && q.to && !(q.from < q.to)) ctx.addIssue({ code: "custom", path: ["from"], message: "must be before `to` (`to` is excluded)" })
}

/** `GET /admin/attribution/spend`: days `from` (included) to `to` (excluded), both optional. */
export const SpendListQuery = z
  .object({
    from: dayField.optional(),
    to: dayField.optional(),
    currency: knownCurrency.optional(),
    limit: integerField(1, 10_000).default(1_000),
    offset: integerField(0, 1_000_000_000).default(0),
  })
  .superRefine(range)

/** `DELETE /admin/attribution/spend`: both days are required, so no request empties the table by accident. */
export const SpendDeleteQuery = z
  .object({ from: dayField, to: dayField, currency: knownCurrency.optional() })
  .superRefine(range)

/** `POST /admin/attribution/spend/upload?currency=`: the currency for files that name none. */
export const SpendUploadQuery = z.object({ currency: knownCurrency.optional() })
