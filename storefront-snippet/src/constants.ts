/** Cookie (and localStorage) names. Values of the first two are bare ids (see ids.ts). */
export const VISITOR_COOKIE = "_ra_vid"
export const SESSION_COOKIE = "_ra_sid"
/** The session's last activity and campaign signature: `<ms base 36>.<signature>` (session.ts). */
export const ACTIVITY_COOKIE = "_ra_act"

/** The visitor cookie lives one year and is renewed on every visit. */
export const VISITOR_MAX_AGE_SECONDS = 31536000

export const DEFAULT_SESSION_TIMEOUT_MINUTES = 30
