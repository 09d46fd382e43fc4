import type { Channel } from "../channel"

/** The formats an upload is recognised as, from its header (see formats.ts). */
export type SpendFormat = "google_ads" | "meta_ads" | "template"

/** One validated spend row: a day, what it paid for, and an exact amount in minor units. */
export type SpendRow = {
  /** The ad platform's reporting day, `YYYY-MM-DD`. */
  day: string
  /** As the platform names it (trimmed, case kept, like `utm_campaign`), or null. */
  campaign: string | null
  /** Lower-case, like a session's `utm_source`, or null. */
  source: string | null
  /** Lower-case, like a session's `utm_medium`, or null. */
  medium: string | null
  channel: Channel | null
  /** Integer minor units of `currency` (cents), never negative. */
  amount_minor: bigint
  /** Upper-case ISO 4217 code. */
  currency: string
}

/** Why a row (or the file) was refused: a 1-based line number in the file, or a row index of a JSON body. */
export type Rejection = { line: number; reason: string }
