import { readCookie, serializeCookie } from "./cookies"

/** A place for the ids. `set` with `maxAgeSeconds` 0 deletes. Neither method throws. */
export interface Store {
  get(name: string): string | null
  set(name: string, value: string, maxAgeSeconds: number): void
}

function attempt<T>(fn: () => T): T | null {
  try {
    return fn()
  } catch {
    return null
  }
}

/** First-party cookies. The browser expires them by Max-Age; session.ts also checks the time. */
export function cookieStore(): Store {
  return {
    get: (name) => attempt(() => readCookie(document.cookie, name)),
    set: (name, value, maxAge) =>
      attempt(() => (document.cookie = serializeCookie(name, value, maxAge, location.protocol == "https:"))),
  }
}

/** localStorage, when cookies are refused. No expiry: the session's activity time decides. */
export function localStore(): Store {
  return {
    get: (name) => attempt(() => localStorage.getItem(name)),
    set: (name, value, maxAge) =>
      attempt(() => (maxAge ? localStorage.setItem(name, value) : localStorage.removeItem(name))),
  }
}

/** Last resort: ids for this page load only. */
export function memoryStore(): Store {
  const values: Record<string, string> = {}
  return {
    get: (name) => values[name] || null,
    set: (name, value, maxAge) => {
      values[name] = maxAge ? value : ""
    },
  }
}

/**
 * The first store that keeps what is written to it: cookies, else localStorage, else memory.
 * The probe writes the visitor id itself, so a working store is also renewed by it.
 */
export function pickStore(stores: Store[], name: string, value: string, maxAgeSeconds: number): Store {
  for (const store of stores) {
    store.set(name, value, maxAgeSeconds)
    if (store.get(name) == value) return store
  }
  return stores[stores.length - 1]
}
