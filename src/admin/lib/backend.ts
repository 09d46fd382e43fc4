/**
 * The backend's origin as the storefront, the providers and curl must call it:
 * `__BACKEND_URL__` when the store's admin build sets it (and not to "/"), else the origin
 * the admin is served from. No trailing slash.
 */
export const backendOrigin = (): string => {
  const configured = typeof __BACKEND_URL__ !== "undefined" ? __BACKEND_URL__ : undefined
  const here = typeof window !== "undefined" ? window.location.origin : ""
  if (!configured || configured === "/") {
    return here
  }
  try {
    return new URL(configured, here || undefined).toString().replace(/\/+$/, "")
  } catch {
    return configured.replace(/\/+$/, "")
  }
}

/** `<backend origin><path>?<query>`, leaving out undefined values. */
export const backendUrl = (path: string, query?: Record<string, string | number | boolean | undefined>): string => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) {
      params.set(key, String(value))
    }
  }
  const qs = params.toString()
  return `${backendOrigin()}${path}${qs ? `?${qs}` : ""}`
}
