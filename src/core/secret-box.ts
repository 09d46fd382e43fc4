import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "crypto"

/**
 * Encryption at rest for the provider API keys and webhook signing secrets that the owner
 * connects from the admin. AES-256-GCM (authenticated: a changed byte fails to decrypt rather
 * than decrypting to garbage) with a fresh 12-byte IV per value. The 256-bit key is derived
 * with HKDF-SHA256 from the configured passphrase, so any string of 32+ characters will do.
 *
 * Stored form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. The version prefix leaves
 * room for another scheme without guessing what a stored value is.
 */
const VERSION = "v1"
const SALT = "medusa-revenue-attribution"
const INFO = "provider-connection-secrets"

export class SecretBoxError extends Error {}

export type SecretBox = { seal(plain: string): string; open(sealed: string): string }

export function secretBox(passphrase: string): SecretBox {
  const key = Buffer.from(hkdfSync("sha256", passphrase, SALT, INFO, 32))
  return {
    seal(plain: string): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv("aes-256-gcm", key, iv)
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
      return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".")
    },
    open(sealed: string): string {
      const [version, iv, tag, body] = sealed.split(".")
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new SecretBoxError("The stored secret is not in a known format")
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"))
        decipher.setAuthTag(Buffer.from(tag, "base64url"))
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")
      } catch {
        // Never include the value or the key in the message.
        throw new SecretBoxError("The stored secret cannot be decrypted: the encryption key has changed since it was saved")
      }
    },
  }
}

/** What the admin may show of a key: its prefix and last four characters (`rk_live_…a1B2`). */
export function keyHint(key: string): string {
  const prefix = /^[a-z]{2,4}_(live|test)_/.exec(key)?.[0] ?? ""
  return `${prefix}…${key.slice(-4)}`
}
