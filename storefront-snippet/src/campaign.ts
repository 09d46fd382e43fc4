/**
 * Campaign parameters: `utm_*` and the click ids gclid, dclid, fbclid, gbraid, wbraid, msclkid,
 * ttclid, twclid, li_fat_id, epik, sccid (ScCid), yclid, rdt_cid (names compared lower-cased).
 */
export const CAMPAIGN_PARAM =
  /^(utm_.*|[gd]clid|fbclid|[gw]braid|msclkid|t[tw]clid|li_fat_id|epik|sccid|yclid|rdt_cid)$/

/** A 32-bit string hash (Java's) in base 36: a short, stable fingerprint that fits in a cookie. */
export function hash(text: string): string {
  let h = 0
  for (let i = 0; i < text.length; i++) {
    h = (Math.imul(31, h) + text.charCodeAt(i)) | 0
  }
  return (h >>> 0).toString(36)
}

/**
 * The campaign a URL arrives with: a hash of its non-empty `utm_*` parameters and click ids
 * (names lower-cased, sorted), or "" when it has none. A landing URL whose signature is not ""
 * and differs from the session's starts a new session. Never throws.
 */
export function campaignSignature(href: string): string {
  const parts: string[] = []
  try {
    new URL(href).searchParams.forEach((value, name) => {
      name = name.toLowerCase()
      if (value && CAMPAIGN_PARAM.test(name)) {
        parts.push(name + "=" + value)
      }
    })
  } catch {
    // a malformed URL carries no campaign
  }
  return parts.length ? hash(parts.sort().join("&")) : ""
}
