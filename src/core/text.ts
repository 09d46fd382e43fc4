/**
 * Postgres text and jsonb cannot hold the NUL character (U+0000): a string with one makes the
 * whole insert fail. Public input refuses it (NO_NUL in the schemas); what comes from a signed
 * provider event or a subscriber is cleaned with `withoutNul` before it is stored.
 */
export const NO_NUL = /^[^\u0000]*$/
export const NO_NUL_MESSAGE = "must not contain the NUL character (\\u0000)"

/** The value with every NUL removed from its strings and object keys, at any depth. */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string") {
    return (value.includes("\u0000") ? value.replace(/\u0000/g, "") : value) as T
  }
  if (Array.isArray(value)) {
    return value.map((v) => withoutNul(v)) as T
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T
  }
  return value
}
