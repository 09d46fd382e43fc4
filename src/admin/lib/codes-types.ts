/**
 * Shapes of the discount-code routes (docs/reports-api.md, "Discount codes"). Amounts are
 * numbers in major units of the response's currency.
 */
import type { AttributionModel, GroupBy } from "./types"

export { CHANNELS } from "../../core/channel"

export type CodeFigures = { revenue: number; refunded: number; net_revenue: number; payments: number }

export type CodeMappingFields = {
  channel: string
  source: string | null
  medium: string | null
  campaign: string | null
}

export type CodeRow = CodeFigures & {
  code: string
  mapping: CodeMappingFields | null
  orders: number
  average_order_value: number
  /** With `split_by`: the credits of the code's payments under the model, by that dimension. */
  split?: (CodeFigures & { key: string })[]
}

export type CodesQuery = {
  from?: string
  to?: string
  model?: AttributionModel
  currency?: string
  include_test?: boolean
  timezone?: string
  split_by?: GroupBy
}

export type CodesResponse = {
  currency: string
  currencies: string[]
  model: AttributionModel
  split_by: GroupBy | null
  from: string
  to: string
  include_test: boolean
  rows: CodeRow[]
  totals: CodeFigures & { orders: number; average_order_value: number }
}

export type CodeMapping = CodeMappingFields & {
  code: string
  created_at: string
  updated_at: string
  /** Stored payments (all time) that used the code: what a change re-credits. */
  payments: number
}

export type CodeMappingInput = { code: string } & CodeMappingFields

export type CodeMappingsResponse = { mappings: CodeMapping[] }

export type SaveCodeMappingResponse = { mapping: Omit<CodeMapping, "payments">; created: boolean; recredited: number }

export type DeleteCodeMappingResponse = { code: string; deleted: boolean; recredited: number }
