/** What the browser remembers about the current session besides its id: [last activity ms, campaign signature]. */
export type Activity = [last: number, sig: string]

/** Stored as `<last in base 36>.<sig>`: cookie-safe and about 16 characters. */
export function formatActivity(activity: Activity): string {
  return activity[0].toString(36) + "." + activity[1]
}

export function parseActivity(value: string | null | undefined): Activity | null {
  const match = /^([0-9a-z]+)\.([0-9a-z]*)$/.exec(value || "")
  return match ? [parseInt(match[1], 36), match[2]] : null
}

/**
 * Whether an event at `now`, on a page whose campaign signature is `sig` ("" for none), starts
 * a new session: there is none, it has been idle for `timeoutMs` or more (a clock that jumped
 * back as far counts too), or the visitor arrives with a campaign other than the session's.
 */
export function needsNewSession(activity: Activity | null, now: number, timeoutMs: number, sig: string): boolean {
  return !activity || Math.abs(now - activity[0]) >= timeoutMs || (!!sig && sig != activity[1])
}
