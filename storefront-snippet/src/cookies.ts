/** A `document.cookie` assignment: first-party, whole site, Lax, Secure on https. Max-Age 0 deletes. */
export function serializeCookie(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  return name + "=" + value + "; Max-Age=" + maxAgeSeconds + "; Path=/; SameSite=Lax" + (secure ? "; Secure" : "")
}

/** The value of cookie `name` (a plain `[\w-]` name) in a `document.cookie` string, or null. */
export function readCookie(cookies: string, name: string): string | null {
  const match = new RegExp("(?:^|;) *" + name + "=([^;]*)").exec(cookies)
  return match ? match[1] : null
}
