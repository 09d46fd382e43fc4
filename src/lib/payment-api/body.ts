import type { MedusaRequest } from "@medusajs/framework/http"

/** Far above any valid body (50 metadata values of 500 characters are about 30 KB). */
export const MAX_BODY_BYTES = 100 * 1024

export type BodyResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; message: string }

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

const NOT_JSON = "The body must be a JSON object sent with Content-Type: application/json"

/**
 * The request's JSON object. Works both when Medusa's JSON parser has already run (the
 * default) and when the route's body parser is turned off (`bodyParser: false` in
 * middlewares.ts), in which case the stream is read here, after authentication, with a
 * size limit.
 */
export async function readJsonBody(req: MedusaRequest): Promise<BodyResult> {
  const contentType = req.headers["content-type"] ?? ""
  if (!JSON_TYPE.test(contentType)) {
    return { ok: false, status: 400, message: NOT_JSON }
  }
  let value: unknown = req.body
  if (value === undefined && !(req as unknown as { _body?: boolean })._body) {
    const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase()
    if (encoding !== "identity") {
      return { ok: false, status: 415, message: `Content-Encoding ${encoding} is not supported: send the body uncompressed` }
    }
    const declared = Number(req.headers["content-length"])
    const raw = declared > MAX_BODY_BYTES ? null : await readRaw(req, MAX_BODY_BYTES)
    if (raw === null) {
      return { ok: false, status: 413, message: `The body is larger than ${MAX_BODY_BYTES / 1024} KB` }
    }
    const text = raw.toString("utf8").replace(/^\uFEFF/, "")
    if (text.trim() === "") {
      return { ok: false, status: 400, message: NOT_JSON }
    }
    try {
      value = JSON.parse(text)
    } catch {
      return { ok: false, status: 400, message: "The body is not valid JSON" }
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, status: 400, message: NOT_JSON }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

/** The whole body, or null when it is over `limit` (the rest is drained, not kept). */
function readRaw(req: MedusaRequest, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks)))
    req.on("error", reject)
  })
}
