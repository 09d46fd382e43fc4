import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"

export type SecretKeyCheck = { ok: true; keyId: string } | { ok: false; message: string }

/** `Bearer <token>`: the scheme in any case (RFC 7235), one token of visible characters. */
const BEARER = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i

/** Medusa's secret tokens are `sk_` + 64 hex characters; nothing longer is worth a lookup. */
const MAX_TOKEN_LENGTH = 512

/**
 * Checks `Authorization: Bearer <secret API key>` through Medusa's API key module, which
 * answers only for a secret key that is not revoked. No cache: a revoked key stops working at
 * once. Messages never repeat the token.
 */
export async function checkSecretKey(req: MedusaRequest): Promise<SecretKeyCheck> {
  const header = req.headers.authorization
  if (header === undefined || header.trim() === "") {
    return { ok: false, message: "An API key is required: send Authorization: Bearer <secret API key>" }
  }
  const match = BEARER.exec(header)
  if (!match) {
    return { ok: false, message: "The Authorization header must be Bearer <secret API key>" }
  }
  const token = match[1]!
  if (token.startsWith("pk_")) {
    return { ok: false, message: "A publishable API key cannot be used here: use a secret API key (sk_...)" }
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, message: "The API key is unknown, revoked or not a secret key" }
  }
  const key = await req.scope.resolve(Modules.API_KEY).authenticate(token)
  if (!key || key.type !== "secret") {
    return { ok: false, message: "The API key is unknown, revoked or not a secret key" }
  }
  return { ok: true, keyId: key.id }
}

/**
 * Answers 401 and returns false unless the request carries a valid secret key. Called before
 * the body is looked at.
 */
export async function requireSecretKey(req: MedusaRequest, res: MedusaResponse): Promise<boolean> {
  const check = await checkSecretKey(req)
  if (!check.ok) {
    res.setHeader("WWW-Authenticate", 'Bearer realm="attribution"')
    res.status(401).json({ type: "unauthorized", message: check.message })
    return false
  }
  return true
}
