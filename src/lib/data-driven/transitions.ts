import { MARKOV_CONVERSION, MARKOV_NULL, MARKOV_START, type MarkovTransition } from "../../core/attribution/markov"
import type { Sql } from "./sql"

export type PathCounts = { transitions: MarkovTransition[]; paths: number; conversions: number }

/**
 * The Markov chain's transition counts over [from, to), counted by Postgres in one pass.
 *
 * The visitor's sessions and verified payments (not test, not canceled) in the window, in
 * time order, are cut into paths by the payments: each payment closes the path of the sessions
 * since the visitor's previous payment (→ CONVERSION); the sessions after the last payment
 * form a path that did not convert (→ NULL). A payment with no session since the previous one
 * adds no path. `seg` numbers a visitor's paths (payments before the row), `lag`/`lead` inside
 * a path give each session's previous channel and what follows the last one.
 */
export async function countTransitions(sql: Sql, from: Date, to: Date): Promise<PathCounts> {
  const rows: { from_state: string; to_state: string; n: string | number }[] = await sql(
    `with ev as (
       select visitor_id, started_at as at, 0 as kind, id, channel::text as channel
         from attribution_session
        where deleted_at is null and started_at >= ? and started_at < ?
       union all
       select visitor_id, occurred_at, 1, id, null
         from attribution_payment
        where deleted_at is null and visitor_id is not null and is_test = false and status <> 'canceled'
          and occurred_at >= ? and occurred_at < ?
     ), segs as (
       select visitor_id, at, kind, id, channel,
              sum(kind) over (partition by visitor_id order by at, kind, id rows unbounded preceding) - kind as seg
         from ev
     ), steps as (
       select kind, channel,
              lag(channel) over w as prev,
              lead(kind) over w as next_kind
         from segs
       window w as (partition by visitor_id, seg order by at, kind, id)
     )
     select t.from_state, t.to_state, count(*) as n
       from steps,
            lateral (values
              (coalesce(prev, ?), channel),
              (case when next_kind is distinct from 0 then channel end,
               case when next_kind = 1 then ? else ? end)
            ) t(from_state, to_state)
      where kind = 0 and t.from_state is not null
      group by 1, 2`,
    [from, to, from, to, MARKOV_START, MARKOV_CONVERSION, MARKOV_NULL]
  )
  const transitions = rows.map((r) => ({ from: r.from_state, to: r.to_state, count: Number(r.n) }))
  const total = (pick: (t: MarkovTransition) => boolean) => transitions.filter(pick).reduce((n, t) => n + t.count, 0)
  return {
    transitions,
    paths: total((t) => t.from === MARKOV_START),
    conversions: total((t) => t.to === MARKOV_CONVERSION),
  }
}
