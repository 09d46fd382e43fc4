/**
 * Every call to `@lemonsqueezy/lemonsqueezy.js` goes through here. The SDK keeps the API key in
 * module-global config (`lemonSqueezySetup`) and reads it when a call starts; two connections
 * (or two admin requests) calling it at once could send each other's key. So calls run one at a
 * time, each with its own key installed just before it and removed after it.
 *
 * The SDK never throws for HTTP errors: it returns `{ statusCode, data, error }`. `expectOk`
 * turns a failure into a `ConnectionError` the owner can act on, without the key in it.
 */
import { lemonSqueezySetup } from "@lemonsqueezy/lemonsqueezy.js"
import { clip, isRecord, list } from "../../../core/providers/shared"
import { ConnectionError } from "../types"

/** The SDK's answer, read defensively: `data` is whatever JSON the API sent. */
export type SdkResult = { statusCode: number | null; data: unknown; error: Error | null }

/** The SDK has no timeout of its own; a call that hangs would hold every other call's turn. */
export const DEFAULT_TIMEOUT_MS = 30_000

// Module-level on purpose: the SDK's config is module-global, so every connector shares one queue.
let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs `call` with `apiKey` installed in the SDK, after every earlier call has finished (or
 * timed out: by then the SDK has read its key, so the next call may install another).
 */
export function callWithKey(apiKey: string, call: () => Promise<SdkResult>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SdkResult> {
  const run = queue.then(() => runWithKey(apiKey, call, timeoutMs))
  queue = run.then(
    () => undefined,
    () => undefined
  )
  return run
}

async function runWithKey(apiKey: string, call: () => Promise<SdkResult>, timeoutMs: number): Promise<SdkResult> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<SdkResult>((resolve) => {
    timer = setTimeout(() => resolve({ statusCode: null, data: null, error: new TimeoutError(timeoutMs) }), timeoutMs)
  })
  lemonSqueezySetup({ apiKey })
  try {
    return await Promise.race([call(), timeout])
  } finally {
    clearTimeout(timer)
    // Not left behind for whatever else in the process imports the SDK.
    lemonSqueezySetup({ apiKey: undefined })
  }
}

class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms / 1000}s`)
    this.name = "TimeoutError"
  }
}

/** How a failed call is described to the owner; `what` completes "while trying to …". */
export type CallContext = {
  apiKey: string
  what: string
  /** The message for a 404, when it means the owner gave a wrong id (→ 400). */
  notFound?: string
}

/** The response body when the call succeeded (2xx); otherwise throws a ConnectionError. */
export function expectOk(result: SdkResult, context: CallContext): unknown {
  if (!result.error && result.statusCode !== null && result.statusCode < 300) {
    return result.data
  }
  throw connectionError(result, context)
}

export function connectionError(result: SdkResult, context: CallContext): ConnectionError {
  const { what } = context
  const status = result.statusCode
  const safe = (text: string) => redact(text, context.apiKey)
  if (status === null) {
    const error = result.error
    if (error?.name === "SyntaxError") {
      return new ConnectionError(`LemonSqueezy answered with a body that is not JSON while trying to ${what}`, 502)
    }
    if (error instanceof TimeoutError) {
      return new ConnectionError(`LemonSqueezy gave no answer within ${error.ms / 1000}s while trying to ${what}`, 502)
    }
    return new ConnectionError(safe(`Could not reach the LemonSqueezy API while trying to ${what}: ${networkCause(error)}`), 502)
  }
  const detail = errorDetail(result.data)
  const said = detail ? `: ${safe(detail)}` : ""
  if (status === 401) {
    return new ConnectionError("LemonSqueezy rejected the API key (401): check that it was copied whole and has not expired or been deleted", 400)
  }
  if (status === 403) {
    return new ConnectionError(`LemonSqueezy does not allow this API key to ${what} (403)${said}`, 400)
  }
  if (status === 404 && context.notFound) {
    return new ConnectionError(context.notFound, 400)
  }
  if (status === 400 || status === 422) {
    return new ConnectionError(`LemonSqueezy refused to ${what} (${status})${said}`, 400)
  }
  if (status === 429) {
    return new ConnectionError(`LemonSqueezy's rate limit was reached while trying to ${what} (429): try again in a minute`, 502)
  }
  return new ConnectionError(`LemonSqueezy answered ${status} while trying to ${what}${said}`, 502)
}

/** JSON:API errors: `{ errors: [{ status, title, detail }] }`; the first one's detail or title. */
function errorDetail(body: unknown): string | null {
  const first = list(body, "errors")[0]
  if (!isRecord(first)) return null
  const text = typeof first.detail === "string" ? first.detail : typeof first.title === "string" ? first.title : null
  return text ? clip(text, 200) : null
}

/** "fetch failed (ECONNREFUSED)": undici hides the reason in `cause`. */
function networkCause(error: Error | null): string {
  if (!error) return "unknown error"
  const cause = (error as Error & { cause?: unknown }).cause
  const code = isRecord(cause) && typeof cause.code === "string" ? cause.code : null
  return clip(code ? `${error.message} (${code})` : error.message, 200)
}

/** The key never appears in a message, even if an upstream text were to echo it. */
function redact(text: string, apiKey: string): string {
  return apiKey ? text.split(apiKey).join("[api key]") : text
}
