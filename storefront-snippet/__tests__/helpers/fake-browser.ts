import { webcrypto } from "crypto"
import vm from "vm"

/**
 * Just enough of a browser, in a Node `vm` context, to run the built IIFE: a cookie jar that
 * honours Max-Age against a fake clock, localStorage, location/history, listeners, manual
 * timers and a recording `fetch`. State that outlives a page (the jar, localStorage, the
 * clock) lives in a `Profile`, so one profile can load several pages in a row.
 */

export interface Profile {
  now: number
  /** Cookie name → value and expiry time (ms). */
  jar: Map<string, { value: string; expires: number }>
  local: Map<string, string>
}

export function newProfile(now = 1_763_800_000_000): Profile {
  return { now, jar: new Map(), local: new Map() }
}

export interface Request {
  url: string
  init: { method?: string; keepalive?: boolean; headers?: Record<string, string>; body?: string }
  body: unknown
}

export interface PageOptions {
  url?: string
  referrer?: string
  title?: string
  /** data- attributes of the script tag, without the `data-` prefix. */
  data?: Record<string, string>
  /** The script tag's src; null for an inline script. */
  src?: string | null
  /** No currentScript at all (e.g. loaded as a module). */
  noCurrentScript?: boolean
  cookiesBlocked?: boolean
  /** "blocked": setItem silently drops; "throws": every access throws (Safari, sandboxed frames). */
  localStorage?: "ok" | "blocked" | "throws"
  navigator?: Record<string, unknown>
  windowProps?: Record<string, unknown>
  /** Answers fetch: a status, or "fail" for a network error. Default 202. */
  respond?: (request: Request) => number | "fail"
}

type Listener = (event?: unknown) => void

export function loadPage(code: string, profile: Profile, options: PageOptions = {}) {
  let href = options.url ?? "https://shop.example/"
  const requests: Request[] = []
  const warnings: string[] = []
  const cookieWrites: string[] = []
  const windowListeners: Record<string, Listener[]> = {}
  const documentListeners: Record<string, Listener[]> = {}
  let timers: { id: number; at: number; fn: () => void }[] = []
  let nextTimer = 1
  const data = options.data ?? {}

  const document = {
    get cookie() {
      if (options.cookiesBlocked) return ""
      return [...profile.jar]
        .filter(([, c]) => c.expires > profile.now)
        .map(([name, c]) => name + "=" + c.value)
        .join("; ")
    },
    set cookie(text: string) {
      cookieWrites.push(text)
      if (options.cookiesBlocked) return
      const [pair, ...attributes] = text.split(";").map((p) => p.trim())
      const eq = pair.indexOf("=")
      const name = pair.slice(0, eq)
      const maxAge = attributes.find((a) => /^max-age=/i.test(a))
      const seconds = maxAge ? Number(maxAge.split("=")[1]) : Infinity
      if (seconds <= 0) profile.jar.delete(name)
      else profile.jar.set(name, { value: pair.slice(eq + 1), expires: profile.now + seconds * 1000 })
    },
    referrer: options.referrer ?? "",
    title: options.title ?? "Page",
    visibilityState: "visible",
    currentScript: options.noCurrentScript
      ? null
      : {
          src: options.src === null ? "" : (options.src ?? "https://api.store.example/attribution/script.js"),
          getAttribute: (name: string) => {
            const key = name.replace(/^data-/, "")
            return key in data ? data[key] : null
          },
        },
    addEventListener: (type: string, fn: Listener) => (documentListeners[type] ||= []).push(fn),
  }

  const localStorageImpl = {
    getItem: (k: string) => (profile.local.has(k) ? profile.local.get(k)! : null),
    setItem: (k: string, v: string) => {
      if (options.localStorage != "blocked") profile.local.set(k, String(v))
    },
    removeItem: (k: string) => profile.local.delete(k),
  }

  const location = {
    get href() {
      return href
    },
    get protocol() {
      return new URL(href).protocol
    },
    get pathname() {
      return new URL(href).pathname
    },
  }
  const navigate = (url?: string | URL | null) => {
    if (url != null) href = new URL(String(url), href).href
  }
  const history = {
    calls: [] as string[],
    pushState(_state: unknown, _title: string, url?: string | null) {
      history.calls.push("push")
      navigate(url)
    },
    replaceState(_state: unknown, _title: string, url?: string | null) {
      history.calls.push("replace")
      navigate(url)
    },
  }

  class FakeDate extends Date {
    static now() {
      return profile.now
    }
  }

  const context: Record<string, unknown> = {
    document,
    location,
    history,
    navigator: { ...(options.navigator ?? {}) },
    crypto: webcrypto,
    URL,
    URLSearchParams,
    Date: FakeDate,
    console: { warn: (...args: unknown[]) => warnings.push(args.join(" ")), log: () => undefined },
    setTimeout: (fn: () => void, ms = 0) => {
      const id = nextTimer++
      timers.push({ id, at: profile.now + ms, fn })
      return id
    },
    clearTimeout: (id: number) => {
      timers = timers.filter((t) => t.id !== id)
    },
    addEventListener: (type: string, fn: Listener) => (windowListeners[type] ||= []).push(fn),
    fetch: (url: string, init: Request["init"]) => {
      let body: unknown = init.body
      try {
        body = JSON.parse(String(init.body))
      } catch {
        // keep the raw body
      }
      const request = { url, init, body }
      requests.push(request)
      const answer = options.respond ? options.respond(request) : 202
      return answer === "fail"
        ? Promise.reject(new TypeError("Failed to fetch"))
        : Promise.resolve({ status: answer, ok: answer >= 200 && answer < 300 })
    },
    ...(options.windowProps ?? {}),
  }
  if (options.localStorage == "throws") {
    Object.defineProperty(context, "localStorage", {
      get() {
        throw new Error("SecurityError: The operation is insecure.")
      },
    })
  } else {
    context.localStorage = localStorageImpl
  }
  context.window = context
  vm.createContext(context)
  vm.runInContext(code, context)

  /** Lets promise callbacks (fetch answers) run. */
  const settle = async () => {
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve))
  }

  const page = {
    context,
    history,
    requests,
    warnings,
    cookieWrites,
    get api() {
      return context.revenueAttribution as import("../../src/index").RevenueAttribution
    },
    /** Events of every collector request so far, in order. */
    get events() {
      return requests
        .filter((r) => r.url.endsWith("/attribution/events"))
        .flatMap((r) => (r.body as { events: Record<string, unknown>[] }).events)
    },
    settle,
    /** Moves the clock forward, running due timers in order (and what they schedule). */
    async advance(ms: number) {
      const end = profile.now + ms
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0]
        if (!due) break
        timers = timers.filter((t) => t !== due)
        profile.now = Math.max(profile.now, due.at)
        due.fn()
        await settle()
      }
      profile.now = end
      await settle()
    },
    pendingTimers: () => timers.length,
    dispatch(type: string, event: unknown = {}) {
      for (const fn of windowListeners[type] || []) fn(event)
    },
    hide() {
      document.visibilityState = "hidden"
      for (const fn of documentListeners.visibilitychange || []) fn({})
    },
    /** A browser back/forward: the URL changes, then popstate fires. */
    back(url: string) {
      navigate(url)
      page.dispatch("popstate")
    },
    setTitle(title: string) {
      document.title = title
    },
    cookie: (name: string) => {
      const c = profile.jar.get(name)
      return c && c.expires > profile.now ? c.value : undefined
    },
  }
  return page
}

export type Page = ReturnType<typeof loadPage>
