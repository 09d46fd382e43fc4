import { CHANNELS, classifyChannel, type Channel } from "../channel"
import { STORABLE, STORABLE_MESSAGE } from "../text"
import type { SpendRow } from "./types"
import { readAmount, readCurrency, readDay, type Read } from "./values"

/** A spend row as given (JSON body or a CSV line), before validation. */
export type SpendInput = {
  date: unknown
  campaign?: unknown
  source?: unknown
  medium?: unknown
  channel?: unknown
  /** Major units, a number or decimal text; or a reader of the file's own unit (micros). */
  amount: unknown
  currency: unknown
}

export type FieldError = { field: keyof SpendInput; message: string }

/** Longest campaign/source/medium kept: far above any platform's limit (Google Ads: 255). */
export const MAX_TEXT = 500

const CHANNEL_BY_LOWER = new Map(CHANNELS.map((c) => [c.toLowerCase(), c]))

/** Trimmed text or null when empty; `{ error }` when not text or too long. */
function optionalText(value: unknown, field: string): Read<string | null> {
  if (value === undefined || value === null) return { value: null }
  if (typeof value !== "string") return { error: `${field} must be text` }
  const text = value.trim()
  if (text.length > MAX_TEXT) return { error: `${field} is longer than ${MAX_TEXT} characters` }
  if (!STORABLE.test(text)) return { error: `${field} ${STORABLE_MESSAGE}` }
  return { value: text === "" ? null : text }
}

/**
 * Validates one row and normalises it the way sessions are, so it can match them:
 * source and medium lower-cased (like `utm_source`/`utm_medium`), the campaign trimmed with its
 * case kept (like `utm_campaign`), the channel one of the contract's names (any case). A row
 * with a source and a medium but no channel gets the channel a session with that
 * source/medium/campaign gets (google / cpc → Paid Search), so it shows on channel rows too.
 * Needs a date, an amount ≥ 0, a known currency, and at least one of campaign, source, channel.
 */
export function validateSpendRow(input: SpendInput, amountOf?: (currency: string) => Read<bigint>): { row: SpendRow } | { errors: FieldError[] } {
  const errors: FieldError[] = []
  const fail = (field: keyof SpendInput, r: { error: string }) => errors.push({ field, message: r.error })

  const day = readDay(input.date)
  if ("error" in day) fail("date", day)
  const texts = {} as Record<"campaign" | "source" | "medium" | "channel", string | null>
  for (const field of ["campaign", "source", "medium", "channel"] as const) {
    const t = optionalText(input[field], field)
    if ("error" in t) fail(field, t)
    else texts[field] = t.value
  }
  let channel: Channel | null = null
  if (texts.channel) {
    channel = CHANNEL_BY_LOWER.get(texts.channel.toLowerCase()) ?? null
    if (!channel) fail("channel", { error: `channel ${JSON.stringify(texts.channel.slice(0, 40))} is not one of ${CHANNELS.join(", ")}` })
  }
  const currency = readCurrency(input.currency)
  if ("error" in currency) fail("currency", currency)
  else {
    const amount = amountOf ? amountOf(currency.value) : readAmount(input.amount, currency.value)
    if ("error" in amount) fail("amount", amount)
    else if (errors.length === 0) {
      const source = texts.source?.toLowerCase() ?? null
      const medium = texts.medium?.toLowerCase() ?? null
      if (!texts.campaign && !source && !texts.channel) {
        return { errors: [{ field: "campaign", message: "needs at least one of campaign, source, channel" }] }
      }
      if (!channel && source && medium) channel = classifyChannel({ source, medium, campaign: texts.campaign })
      return {
        row: { day: (day as { value: string }).value, campaign: texts.campaign, source, medium, channel, amount_minor: amount.value, currency: currency.value },
      }
    }
  }
  return { errors }
}
