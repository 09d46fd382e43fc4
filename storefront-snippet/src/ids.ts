/** 26 characters of 5 random bits each (base 32, `0-9a-v`): 130 bits, as unguessable as a UUID v4. */
export const ID_LENGTH = 26

/** A new visitor or session id from the browser's CSPRNG. */
export function newId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(ID_LENGTH)), (byte) => (byte & 31).toString(32)).join("")
}

/** The contract's id shape: 16 to 64 characters from `[A-Za-z0-9_-]` (`\w` is `[A-Za-z0-9_]`). */
export function isValidId(value: unknown): value is string {
  return typeof value == "string" && /^[\w-]{16,64}$/.test(value)
}
