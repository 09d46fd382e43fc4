import { createHash } from "crypto"

/** Cookie-borne ids are opaque URL-safe strings of 16 to 64 characters (CONTRACT.md). */
const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

export function isValidClientId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value)
}

/** Keys, in order of preference, that carry the visitor and session ids in metadata. */
export const VISITOR_ID_KEYS = ["attribution_visitor_id", "visitorId", "visitor_id"] as const
export const SESSION_ID_KEYS = ["attribution_session_id", "sessionId", "session_id"] as const

function firstValidId(metadata: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = metadata[key]
    if (isValidClientId(value)) {
      return value
    }
  }
  return null
}

/**
 * Reads the visitor and session ids from cart/order metadata, a provider's metadata or a
 * payment API body. Values that are not well-formed ids are ignored, never trusted.
 */
export function idsFromMetadata(metadata: unknown): { visitorId: string | null; sessionId: string | null } {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) {
    return { visitorId: null, sessionId: null }
  }
  const record = metadata as Record<string, unknown>
  return { visitorId: firstValidId(record, VISITOR_ID_KEYS), sessionId: firstValidId(record, SESSION_ID_KEYS) }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** The only form in which a visitor's email is kept: SHA-256 hex of the normalised address. */
export function hashEmail(email: string): string {
  return createHash("sha256").update(normaliseEmail(email)).digest("hex")
}
