import { instantOfWallTime } from "./time-zone"

// YYYY-MM-DD, optionally with a time (T or a space), seconds, fractions and a zone. The zone may
// start with a space: an unencoded "+" in a query string arrives as one.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+\- ]\d{2}(?::?\d{2})?)?)?$/i

/**
 * Reads an ISO 8601 date or date-time as a store owner means it. A time with `Z` or an offset
 * is that instant. A date (`2026-11-01`) or a time without a zone is a wall time in `timeZone`:
 * `from=2026-11-01` with `timezone=Europe/Paris` starts at midnight in Paris. Answers null for
 * anything else, or an impossible date (`2026-02-30`, `25:00`).
 */
export function parseInstant(text: string, timeZone: string): Date | null {
  const m = ISO.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m
  const wall = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    ms: Number(frac.padEnd(3, "0").slice(0, 3)),
  }
  if (wall.month < 1 || wall.month > 12 || wall.hour > 23 || wall.minute > 59 || wall.second > 59) return null
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms)
  // Date.UTC rolls 2026-02-30 over to March: a different day back means the date does not exist.
  if (new Date(asUtc).getUTCDate() !== wall.day) return null
  if (zone === undefined) return instantOfWallTime(wall, timeZone)
  if (zone.toUpperCase() === "Z") return new Date(asUtc)
  const sign = zone[0] === "-" ? -1 : 1
  const digits = zone.slice(1).replace(":", "")
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2) || "0")
  if (hours > 23 || minutes > 59) return null
  return new Date(asUtc - sign * (hours * 60 + minutes) * 60_000)
}
