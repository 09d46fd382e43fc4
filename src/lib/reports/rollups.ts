import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { DIMENSIONS } from "./revenue-query"

/**
 * The reports' rollups (see their models): the visitor rollup `attribution_report_session` and
 * the hourly event counts `attribution_report_event_hour`. Building them, bringing them up to
 * date, and telling a report which visitors the visitor rollup cannot vouch for yet.
 *
 * A session changes only when new events of it are written (a repeated event id changes its
 * counters, which the rollup does not hold), so the visitors the rollup cannot vouch for are
 * those with an event written since its snapshot: a short range of the index on the events'
 * `created_at`. The collector clamps event times to at most seven days back, so no event is
 * written into an hour older than that; `CHANGE_WINDOW` adds slack for events that waited in
 * the collector's buffer while the database was down.
 */
const CHANGE_WINDOW = "9 days"
/** Writers commit their events within this time of stamping `created_at` (short transactions). */
const COMMIT_SLACK = "5 minutes"
const STATE_ID = "sessions"
/** Above this many changed visitors a report counts from the sessions and asks for a refresh. */
export const MAX_DIRTY_VISITORS = 5_000
/**
 * From this many changed visitors on, a report asks for a refresh in the background, unless
 * the last one is more recent than `REFRESH_PAUSE` (writes keep visitors "changed" for
 * COMMIT_SLACK after it, so refreshing again at once would not shrink the list).
 */
const REFRESH_AT_DIRTY = 200
const REFRESH_PAUSE = "1 minute"
/**
 * Rebuilt from scratch this often: events written with dates older than the change window (an
 * import through the module's event writer), and events or sessions deleted or soft-deleted
 * otherwise than with their visitor, are reflected within a day.
 */
const REBUILD_EVERY = "1 day"

const keyOf = (column: string) => `coalesce(${column}, '(not set)')`

/** The rollup's rows for the sessions picked by `where` (over `attribution_session s`). */
function rollupRows(where: string): string {
  const previous = (partition: string) =>
    `lag(s.started_at) over (partition by s.visitor_id${partition} order by s.started_at, s.id)`
  return `select s.id, s.visitor_id, s.started_at, s.channel, ${DIMENSIONS.filter((d) => d !== "channel").map((d) => `s.${d}`).join(", ")},
            ${previous("")} as previous_at,
            ${DIMENSIONS.map((d) => `${previous(`, ${keyOf(`s.${d}`)}`)} as previous_${d}_at`).join(",\n            ")}
       from attribution_session s where ${where} and s.deleted_at is null`
}

const COLUMNS = `id, visitor_id, started_at, channel, ${DIMENSIONS.filter((d) => d !== "channel").join(", ")},
  previous_at, ${DIMENSIONS.map((d) => `previous_${d}_at`).join(", ")}`

/** Visitors with an event written after `snapshot` (the rollup does not know them as they are). */
const CHANGED_VISITORS = `select distinct visitor_id from attribution_event
  where created_at > ?::timestamptz - interval '${COMMIT_SLACK}' and deleted_at is null`

export type RollupView =
  /** Count from the rollup, except these visitors, counted from their sessions. */
  | { kind: "rollup"; dirty: string[] }
  /** No usable rollup: count from the sessions. */
  | { kind: "sessions" }

/** What a report may take from the rollups now. */
export type Rollups = {
  visitors: RollupView
  /** The hourly event counts cover every hour before this (null: none yet). */
  eventsBefore: Date | null
}

/**
 * How a report should count now. Never waits for a rebuild: when the rollups are missing or
 * far behind, it counts from the sessions and events (exact, slower) and starts a refresh in
 * the background.
 */
export async function currentRollups(knex: Knex, onError: (e: unknown) => void): Promise<Rollups> {
  const { rows } = await knex.raw(
    `select snapshot_at, events_before, snapshot_at < now() - interval '${REFRESH_PAUSE}' as due
       from attribution_report_state where id = ? and deleted_at is null`,
    [STATE_ID]
  )
  const state = rows[0] as { snapshot_at: Date; events_before: Date; due: boolean } | undefined
  if (!state) {
    refreshInBackground(knex, onError)
    return { visitors: { kind: "sessions" }, eventsBefore: null }
  }
  const dirty = await knex.raw(`${CHANGED_VISITORS} limit ${MAX_DIRTY_VISITORS + 1}`, [state.snapshot_at])
  const ids = (dirty.rows as { visitor_id: string }[]).map((r) => r.visitor_id)
  if (ids.length >= REFRESH_AT_DIRTY && state.due) refreshInBackground(knex, onError)
  return {
    visitors: ids.length > MAX_DIRTY_VISITORS ? { kind: "sessions" } : { kind: "rollup", dirty: ids },
    eventsBefore: state.events_before,
  }
}

let running: Promise<void> | null = null

/** One refresh at a time in this process; other servers are kept out by the advisory lock. */
export function refreshInBackground(knex: Knex, onError: (e: unknown) => void): void {
  running ??= refreshReportRollups(knex)
    .then(() => undefined)
    .catch(onError)
    .finally(() => {
      running = null
    })
}

/**
 * Brings the rollups up to date. Visitors: the first time and once a day, every session;
 * otherwise the visitors with events written since the last snapshot, all their sessions
 * recomputed (a visitor's "previous session" links only ever involve that visitor); deleted
 * sessions leave with their rows (a foreign key that cascades). Hourly event counts: the hours
 * that became final since. Answers false when another refresh holds the lock. `rebuild` starts
 * over now.
 */
export async function refreshReportRollups(knex: Knex, options: { rebuild?: boolean } = {}): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const { rows: locked } = await trx.raw(`select pg_try_advisory_xact_lock(hashtextextended('attribution:report-rollup', 0)) as ok`)
    if (!locked[0].ok) return false
    const { rows } = await trx.raw(
      `select snapshot_at, events_before, rebuilt_at, now() as now, rebuilt_at < now() - interval '${REBUILD_EVERY}' as stale,
              date_trunc('hour', now() - interval '${CHANGE_WINDOW}') as settled
         from (select 1) one left join attribution_report_state on id = ? and deleted_at is null`,
      [STATE_ID]
    )
    const state = rows[0] as {
      snapshot_at: Date | null
      events_before: Date | null
      rebuilt_at: Date | null
      now: Date
      stale: boolean | null
      settled: Date
    }
    const snapshot = state.snapshot_at
    const now = state.now
    const rebuild = !snapshot || options.rebuild || state.stale === true
    // Hourly event counts: every hour before `settled` is final.
    await trx.raw(
      `insert into attribution_report_event_hour (id, hour, events)
       select to_char(h at time zone 'UTC', 'YYYY-MM-DD"T"HH24":00:00Z"'), h, n
         from (select date_trunc('hour', occurred_at) as h, count(*)::int as n from attribution_event
                where occurred_at < ? and occurred_at >= ? and deleted_at is null group by 1) counted
       on conflict (id) do update set events = excluded.events, deleted_at = null, updated_at = now()`,
      [state.settled, rebuild || !state.events_before ? new Date(0) : state.events_before]
    )
    if (rebuild) {
      // Hours whose events were all deleted since (a retention purge) have no row above.
      await trx.raw(`delete from attribution_report_event_hour where updated_at < ?`, [now])
      await trx.raw(`delete from attribution_report_session`)
      await trx.raw(`insert into attribution_report_session (${COLUMNS}) ${rollupRows("true")}`)
    } else {
      await trx.raw(`create temporary table attribution_changed_visitors on commit drop as ${CHANGED_VISITORS}`, [snapshot])
      await trx.raw(
        `delete from attribution_report_session r using attribution_changed_visitors c where r.visitor_id = c.visitor_id`
      )
      await trx.raw(
        `insert into attribution_report_session (${COLUMNS})
         ${rollupRows("s.visitor_id in (select visitor_id from attribution_changed_visitors)")}`
      )
    }
    // `now` is when this transaction started: a writer that stamped an earlier time and
    // committed after our read is still "changed" for COMMIT_SLACK.
    await trx.raw(
      `insert into attribution_report_state (id, snapshot_at, events_before, rebuilt_at) values (?, ?, ?, ?)
       on conflict (id) do update set snapshot_at = excluded.snapshot_at, events_before = excluded.events_before,
         rebuilt_at = excluded.rebuilt_at, deleted_at = null, updated_at = now()`,
      [STATE_ID, now, state.settled, rebuild ? now : state.rebuilt_at]
    )
    return true
  })
}
