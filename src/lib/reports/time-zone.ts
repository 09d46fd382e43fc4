/**
 * Calendar arithmetic in an IANA time zone, with Node's own time zone data (Intl): reading the
 * `from`/`to` a store owner typed as dates on their wall calendar, and naming the local day of
 * an instant. Postgres does the bucketing itself (`at time zone`); these only decide ranges.
 */

/** A local calendar date and time, without zone: what a clock on the wall shows. */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number }

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
    formatters.set(timeZone, f)
  }
  return f
}

// An IANA name such as Europe/Paris, America/Argentina/Buenos_Aires, Etc/GMT+5 or UTC. Offsets
// like "+01:00" are refused on purpose: they are not zones (no daylight saving), and POSIX
// tools, Postgres among them, read their sign the opposite way from ISO 8601.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/

/** The canonical spelling of a time zone name (`europe/paris` → `Europe/Paris`), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
  if (name.length > 64 || !ZONE_NAME.test(name)) return null
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

/** The wall time in `timeZone` at `instant`. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value)
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    ms: instant.getUTCMilliseconds(),
  }
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms)

/** How far `timeZone` is ahead of UTC at `instant`, in ms (Paris in winter: 3,600,000). */
export function offsetAt(instant: Date, timeZone: string): number {
  const whole = new Date(Math.floor(instant.getTime() / 1000) * 1000)
  return asUtc({ ...wallTimeAt(whole, timeZone), ms: 0 }) - whole.getTime()
}

/**
 * The instant a wall time in `timeZone` names. A time skipped by a daylight-saving change
 * (02:30 on the night clocks go forward, or midnight where the change happens at midnight) is
 * read as the first instant after the gap, so "the start of that day" is always the day's
 * first real instant. A repeated time (clocks going back) is its first occurrence.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const guess = asUtc(wall)
  // The offsets a day either side: at most one change of offset lies between them.
  const before = offsetAt(new Date(guess - 86_400_000), timeZone)
  const after = offsetAt(new Date(guess + 86_400_000), timeZone)
  const valid = [guess - before, guess - after].filter((t) => asUtc(wallTimeAt(new Date(t), timeZone)) === guess)
  if (valid.length) return new Date(Math.min(...valid))
  // In a gap: with the offset from before the change, the instant shows the wall time pushed
  // forward by the gap (02:30 → 03:30), the first instant after it.
  return new Date(guess - before)
}

/** `YYYY-MM-DD` of `instant` on the wall calendar of `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone)
  return formatDate(w.year, w.month, w.day)
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
}
