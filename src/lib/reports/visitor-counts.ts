import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Dimension } from "./revenue-query"
import type { RollupView } from "./rollups"

/**
 * What visitors are counted by: a key per session (a dimension's value, a time bucket, or one
 * key for the whole range), and the rollup column holding when the visitor's previous session
 * with the same key started. `since` is where the key's window starts for a session: the
 * range's start, or the start of the session's bucket.
 */
export type VisitorKey = {
  key: (alias: string) => string
  previous: string
  since: (alias: string) => string
}

/** Visitors by a report dimension; a missing value is `(not set)`, as in the revenue rows. */
export const byDimension = (dimension: Dimension): VisitorKey => ({
  key: (a) => `coalesce(${a}.${dimension}, '(not set)')`,
  previous: `previous_${dimension}_at`,
  since: () => ":from",
})

/** All visitors of the range under one key, `""`. */
export const wholeRange: VisitorKey = { key: () => "''", previous: "previous_at", since: () => ":from" }

/**
 * Visitors per time bucket, keyed by the bucket's position from 1. `bounds` is a Postgres array
 * literal of the buckets' start instants (`bucketBounds`): `width_bucket` finds a session's
 * bucket by binary search, far cheaper than converting every session to local time. A session
 * counts when the visitor's previous one started before its bucket (or before `from`, for a
 * first bucket that starts earlier).
 */
export const byBucket: VisitorKey = {
  key: (a) => `width_bucket(${a}.started_at, cast(:bounds as timestamptz[]))`,
  previous: "previous_at",
  since: (a) => `greatest(:from, (cast(:bounds as timestamptz[]))[width_bucket(${a}.started_at, cast(:bounds as timestamptz[]))])`,
}

/** The buckets' start instants as a Postgres array literal, for `:bounds`. */
export const bucketBounds = (starts: Date[]) => `{${starts.map((d) => d.toISOString()).join(",")}}`

/** Keys are text, or the bucket's position for `byBucket`. */
export type VisitorCounts = { byKey: Map<string | number, number>; overall: number }

/**
 * Distinct visitors with a session that started in [from, to), per key and overall (the same
 * visitor once however many keys it has). With the rollup: the sessions whose previous session
 * of the same key (or of any key, for `overall`) started before the key's window: each
 * visitor's first session in it, so a filtered count in one scan; visitors whose sessions
 * changed since the rollup's snapshot are counted from their sessions. Without the rollup:
 * distinct (visitor, key) pairs over the sessions. `overall` is only computed when asked for.
 */
export async function countVisitors(
  knex: Knex,
  view: RollupView,
  k: VisitorKey,
  range: { from: Date; to: Date },
  options: { overall?: boolean; bounds?: string } = {}
): Promise<VisitorCounts> {
  const inRange = (a: string) => `${a}.started_at >= :from and ${a}.started_at < :to and ${a}.deleted_at is null`
  const bindings = {
    from: range.from,
    to: range.to,
    dirty: JSON.stringify(view.kind === "rollup" ? view.dirty : []),
    bounds: options.bounds ?? "{}",
  }
  // Every visitor once, over the sessions picked by `filter`.
  const distinctVisitors = (filter: string) =>
    `select count(*)::int as n from (select distinct s.visitor_id from attribution_session s where ${inRange("s")} ${filter}) v`
  // Each (visitor, key) once, over the sessions picked by `filter`.
  const distinctPairs = (filter: string) =>
    `select key, count(*)::int as n from (select distinct s.visitor_id, ${k.key("s")} as key from attribution_session s
       where ${inRange("s")} ${filter}) pairs group by key`

  if (view.kind === "sessions") {
    const [pairs, overall] = await Promise.all([
      knex.raw(distinctPairs(""), bindings),
      options.overall ? knex.raw(distinctVisitors(""), bindings) : null,
    ])
    return {
      byKey: new Map((pairs.rows as { key: string | number; n: number }[]).map((r) => [r.key, r.n])),
      overall: overall ? (overall.rows[0] as { n: number }).n : 0,
    }
  }
  const dirty = "(select jsonb_array_elements_text(cast(:dirty as jsonb)))"
  const { rows } = await knex.raw(
    `select key, sum(visitors)::int as visitors, sum(overall)::int as overall from (
       select ${k.key("r")} as key,
              count(*) filter (where r.${k.previous} is null or r.${k.previous} < ${k.since("r")}) as visitors,
              count(*) filter (where r.previous_at is null or r.previous_at < :from) as overall
         from attribution_report_session r
        -- The list of changed visitors is short (rollup.ts caps it) and hashed once.
        where ${inRange("r")} and r.visitor_id not in ${dirty}
        group by 1
       union all
       select key, n, 0 from (${distinctPairs(`and s.visitor_id in ${dirty}`)}) changed_pairs
       union all
       select null, 0, n from (${distinctVisitors(`and s.visitor_id in ${dirty}`)}) changed_visitors
     ) counted group by key`,
    bindings
  )
  const byKey = new Map<string | number, number>()
  let overall = 0
  for (const r of rows as { key: string | number | null; visitors: number; overall: number }[]) {
    if (r.key !== null) byKey.set(r.key, r.visitors)
    overall += r.overall
  }
  return { byKey, overall }
}
