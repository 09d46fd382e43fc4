import { formatDate, instantOfWallTime, wallTimeAt } from "./time-zone"

export const INTERVALS = ["day", "week", "month"] as const
export type Interval = (typeof INTERVALS)[number]

export const MAX_BUCKETS = 400

const DAY_MS = 86_400_000

/** Calendar dates as UTC midnights: plain date arithmetic, no zone involved. */
function startOf(interval: Interval, date: Date): Date {
  if (interval === "month") return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1))
  if (interval === "week") {
    // Weeks start on Monday, as Postgres's date_trunc('week') (ISO 8601) does.
    const sinceMonday = (date.getUTCDay() + 6) % 7
    return new Date(date.getTime() - sinceMonday * DAY_MS)
  }
  return date
}

function next(interval: Interval, date: Date): Date {
  if (interval === "month") return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1))
  return new Date(date.getTime() + (interval === "week" ? 7 : 1) * DAY_MS)
}

const label = (d: Date) => formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())

function calendarDate(instant: Date, timeZone: string): Date {
  const w = wallTimeAt(instant, timeZone)
  return new Date(Date.UTC(w.year, w.month - 1, w.day))
}

/** A bucket: its first day on the wall calendar, and the instant that day starts. */
export type Bucket = { period: string; start: Date }

/**
 * Every bucket that [from, to) touches, in order: the bucket holding `from` through the
 * bucket holding the last instant before `to`. `period` is the bucket's first day
 * (`YYYY-MM-DD`, in `timeZone`), `start` the first instant of that day there (a day is 23 or 25
 * hours across a daylight-saving change). Answers the count alone when there would be more
 * than `max` (the caller refuses the query).
 */
export function bucketsOf(
  range: { from: Date; to: Date },
  interval: Interval,
  timeZone: string,
  max = MAX_BUCKETS
): { buckets: Bucket[] } | { tooMany: number } {
  const first = startOf(interval, calendarDate(range.from, timeZone))
  const last = startOf(interval, calendarDate(new Date(range.to.getTime() - 1), timeZone))
  const buckets: Bucket[] = []
  for (let d = first; d <= last; d = next(interval, d)) {
    if (buckets.length === max) {
      return { tooMany: countBuckets(first, last, interval) }
    }
    const wall = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0, ms: 0 }
    buckets.push({ period: label(d), start: instantOfWallTime(wall, timeZone) })
  }
  return { buckets }
}

function countBuckets(first: Date, last: Date, interval: Interval): number {
  if (interval === "month") {
    return (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth() + 1
  }
  return Math.round((last.getTime() - first.getTime()) / ((interval === "week" ? 7 : 1) * DAY_MS)) + 1
}
