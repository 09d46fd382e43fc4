import type { RevenueResponse } from "./types"

/** `POST /admin/attribution/spend/upload` answered 200 (docs/ad-spend.md). */
export type SpendUploadResult = {
  format: "google_ads" | "meta_ads" | "template"
  stored: number
  created: number
  replaced: number
  /** Total lines passed over (Google Ads' "Total: ..." lines, Meta's summary row). */
  skipped: number
}

/** Its 400: the file's problem, or every rejected line (the first 1,000 listed). */
export type SpendUploadRejection = {
  message: string
  format?: SpendUploadResult["format"] | null
  rejected?: { line: number; reason: string }[]
  rejected_count?: number
}

/** The revenue report once the store has spend: more figures, and spend in other currencies apart. */
export type RevenueWithSpend = RevenueResponse & {
  totals: RevenueResponse["totals"] & { cost_per_visitor?: number | null; new_customers?: number }
  spend_other_currencies?: { currency: string; amount: number }[]
}

export const FORMAT_LABELS: Record<SpendUploadResult["format"], string> = {
  google_ads: "Google Ads report",
  meta_ads: "Meta Ads Manager export",
  template: "spend template",
}
