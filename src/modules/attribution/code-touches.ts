import type { SqlRunner } from "./sql"
import type { Touch } from "../../core/attribution/types"
import { codeOfTouch, codeTouches, type CodeMapping } from "../../core/codes"
import type { SessionRow } from "./credits"
import type { PaymentRow } from "./linking"

/**
 * The touches a payment's mapped promotion codes add (see core/codes `codeTouches`), and for
 * each one a session-like row with the mapping's channel, source, medium and campaign, which
 * `storeCredits` copies into the credit as it does a session's. No query when the payment
 * used no code.
 */
export async function mappedCodeTouches(
  manager: SqlRunner,
  payment: PaymentRow
): Promise<{ touches: Touch[]; rows: SessionRow[] }> {
  const codes = payment.promotion_codes ?? []
  if (!codes.length) {
    return { touches: [], rows: [] }
  }
  const mappings: CodeMapping[] = await manager.execute(
    `select code, channel, source, medium, campaign from attribution_code_mapping
      where code in (select jsonb_array_elements_text(?::jsonb)) and deleted_at is null`,
    [JSON.stringify(codes)]
  )
  const byCode = new Map(mappings.map((m) => [m.code, m]))
  const touches = codeTouches(codes, mappings, new Date(payment.occurred_at))
  const rows = touches.map((t) => {
    const m = byCode.get(codeOfTouch(t.sessionId)!)!
    return {
      id: t.sessionId,
      started_at: payment.occurred_at,
      channel: m.channel,
      source: m.source,
      medium: m.medium,
      campaign: m.campaign,
      term: null,
      content: null,
      landing_page: null,
      referrer_domain: null,
    }
  })
  return { touches, rows }
}
