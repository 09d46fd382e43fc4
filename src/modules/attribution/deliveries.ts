import { newId } from "./ids"
import { lockOrder, type SqlRunner } from "./sql"

export type ClaimDeliveryInput = {
  provider: string
  event_id: string
  event_type: string
  outcome?: "processed" | "ignored"
  payment_id?: string | null
}

/** The advisory lock keys of a payment: its own key and every other id it is known by. */
export function paymentLockKeys(input: {
  provider: string
  provider_payment_id: string
  references?: { provider: string; external_id: string }[]
}): string[] {
  return [{ provider: input.provider, external_id: input.provider_payment_id }, ...(input.references ?? [])].map(
    (r) => `payment:${r.provider}:${r.external_id}`
  )
}

/**
 * Records that a provider event is being handled and, when it is new, takes `keys` as
 * transaction-scoped advisory locks, in one round trip. Answers false for an event already
 * recorded (a redelivery: the caller does nothing). The locks are taken only after the claim
 * has gone through, so a concurrent duplicate, which waits on the claim's unique index and then
 * finds it taken, never holds a lock the first delivery needs.
 */
export async function claimDelivery(manager: SqlRunner, input: ClaimDeliveryInput, keys: string[]): Promise<boolean> {
  const [row] = await manager.execute(
    `with claim as (
       insert into attribution_webhook_delivery (id, provider, event_id, event_type, outcome, payment_id, received_at)
       values (?, ?, ?, ?, ?, ?, now())
       on conflict (provider, event_id) do nothing
       returning id
     ),
     locked as (
       select count(pg_advisory_xact_lock(hashtextextended(o.k, 0))) as n
         from claim, lateral (select k from jsonb_array_elements_text(?::jsonb) with ordinality as t(k, i) order by i) o
     )
     select (select count(*) from claim)::int as claimed, (select n from locked)::int as locked`,
    [
      newId("awhd"),
      input.provider,
      input.event_id,
      input.event_type,
      input.outcome ?? "processed",
      input.payment_id ?? null,
      JSON.stringify(lockOrder(keys)),
    ]
  )
  return row.claimed === 1
}
