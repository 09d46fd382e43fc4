import type { Interval } from "./types"

export const RANGE_PRESETS = ["7d", "30d", "90d", "custom"] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

export const RANGE_LABELS: Record<RangePreset, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  custom: "Custom range",
}

const DAY_MS = 24 * 60 * 60 * 1000

/** A report range: ISO instants, `from` included and `to` excluded, as the API reads them. */
export type DateRange = { preset: RangePreset; from: string; to: string }

/** The last `days` days up to now (what the API itself defaults to for 30). */
export const presetRange = (preset: Exclude<RangePreset, "custom">, now = new Date()): DateRange => {
  const days = preset === "7d" ? 7 : preset === "90d" ? 90 : 30
  return { preset, from: new Date(now.getTime() - days * DAY_MS).toISOString(), to: now.toISOString() }
}

/** `YYYY-MM-DD` of a date in the browser's zone (what `<input type="date">` holds). */
export const toDayInput = (date: Date): string => {
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

const localMidnight = (day: string): Date | null => {
  if (!DAY_RE.test(day)) {
    return null
  }
  const [y, m, d] = day.split("-").map(Number)
  const date = new Date(y, m - 1, d)
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * A custom range from two calendar days in the browser's zone, both included: from the first
 * day's midnight to the midnight after the last day. An error message when they are not usable.
 */
export const customRange = (fromDay: string, toDay: string): DateRange | { error: string } => {
  const from = localMidnight(fromDay)
  const last = localMidnight(toDay)
  if (!from || !last) {
    return { error: "Pick both dates." }
  }
  if (last < from) {
    return { error: "The end date is before the start date." }
  }
  const to = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1)
  return { preset: "custom", from: from.toISOString(), to: to.toISOString() }
}

/** The calendar days (browser zone) a range covers, both included, for the custom inputs. */
export const rangeDays = (range: DateRange): { fromDay: string; toDay: string } => {
  const to = new Date(new Date(range.to).getTime() - 1)
  return { fromDay: toDayInput(new Date(range.from)), toDay: toDayInput(to) }
}

/** The API answers at most 400 buckets. */
export const MAX_BUCKETS = 400

/** About how many buckets `interval` makes of a range (rounded up, plus one for partial ends). */
export const bucketCount = (range: DateRange, interval: Interval): number => {
  const days = Math.max(0, (new Date(range.to).getTime() - new Date(range.from).getTime()) / DAY_MS)
  const per = interval === "day" ? 1 : interval === "week" ? 7 : 28
  return Math.ceil(days / per) + 1
}

/** The interval to ask for: `wanted`, or the next coarser one when `wanted` makes too many buckets. */
export const fittingInterval = (range: DateRange, wanted: Interval): Interval => {
  const order: Interval[] = ["day", "week", "month"]
  for (const interval of order.slice(order.indexOf(wanted))) {
    if (bucketCount(range, interval) <= MAX_BUCKETS) {
      return interval
    }
  }
  return "month"
}

/** The browser's IANA time zone, for the time series. */
export const browserTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"
  } catch {
    return "UTC"
  }
}
