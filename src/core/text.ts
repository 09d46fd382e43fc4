/**
 * Text Postgres can store. Two things make a whole insert fail:
 * - the NUL character (U+0000), which text and jsonb cannot hold;
 * - an unpaired UTF-16 surrogate (e.g. "\ud800", legal in JSON): JSON.stringify writes it back as
 *   the escape "\ud800", which jsonb refuses ("unsupported Unicode escape sequence").
 * Public input refuses both (STORABLE in the schemas, answered 400); what comes from a signed
 * provider event or a subscriber is cleaned with `storableText` before it is stored.
 */
export const STORABLE = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/
export const STORABLE_MESSAGE = "must not contain the NUL character (\\u0000) or an unpaired surrogate (\\ud800-\\udfff)"

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

function storableString(value: string): string {
  const withoutNul = value.includes("\u0000") ? value.replace(/\u0000/g, "") : value
  return STORABLE.test(withoutNul) ? withoutNul : withoutNul.replace(UNPAIRED_SURROGATE, "\ufffd")
}

/** The value with NUL removed and unpaired surrogates replaced (U+FFFD) in its strings and object keys, at any depth. */
export function storableText<T>(value: T): T {
  if (typeof value === "string") {
    return storableString(value) as T
  }
  if (Array.isArray(value)) {
    return value.map((v) => storableText(v)) as T
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableString(k), storableText(v)])) as T
  }
  return value
}
