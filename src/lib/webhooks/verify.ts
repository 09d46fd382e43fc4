import { createHmac, timingSafeEqual } from "crypto"
import Stripe from "stripe"

/**
 * Verifies a Stripe delivery with the SDK (`constructEvent`: HMAC-SHA256 of `t.rawBody`,
 * constant-time comparison, five-minute tolerance) against each configured secret in turn,
 * so a rotated secret keeps working. Answers the event, or null when no secret matches.
 */
export function verifyStripe(rawBody: Buffer, signature: string, secrets: string[]): Stripe.Event | null {
  for (const secret of secrets) {
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, secret)
    } catch {
      // try the next secret
    }
  }
  return null
}

/** LemonSqueezy: `X-Signature` is the hex HMAC-SHA256 of the raw body, compared in constant time. */
export function verifyLemonSqueezy(rawBody: Buffer, signature: string, secrets: string[]): boolean {
  const given = Buffer.from(signature.trim(), "utf8")
  return secrets.some((secret) => {
    const expected = Buffer.from(createHmac("sha256", secret).update(rawBody).digest("hex"), "utf8")
    // timingSafeEqual throws on different lengths: check first (the length is not secret).
    return expected.length === given.length && timingSafeEqual(expected, given)
  })
}
