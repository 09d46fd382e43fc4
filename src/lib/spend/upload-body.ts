import type { MedusaRequest } from "@medusajs/framework/http"

/**
 * Largest upload read: a Google Ads daily report of 500 campaigns over half a year, as UTF-16,
 * is about 20 MB; split larger ones by date. The route's body parser is off
 * (src/api/middlewares.ts), so the raw bytes arrive here with any encoding intact (UTF-16
 * included) and nothing beyond this limit is kept in memory.
 */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024

export type UploadBody = { ok: true; bytes: Uint8Array } | { ok: false; status: 400 | 413 | 415; message: string }

/** The request's raw body, within the limit. */
export async function readUpload(req: MedusaRequest): Promise<UploadBody> {
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase()
  if (encoding !== "identity") return { ok: false, status: 415, message: `Content-Encoding ${encoding} is not supported: send the file uncompressed` }
  const tooLarge = { ok: false as const, status: 413 as const, message: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: split it by date` }
  if (Number(req.headers["content-length"]) > MAX_UPLOAD_BYTES) return tooLarge
  // A body a parser already read (the route's parser should be off; this keeps it working if not).
  const parsed = (req as { body?: unknown }).body
  if (typeof parsed === "string") return { ok: true, bytes: new TextEncoder().encode(parsed) }
  if (Buffer.isBuffer(parsed)) return { ok: true, bytes: parsed }
  const bytes = await new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_UPLOAD_BYTES) over = true
      if (!over) chunks.push(chunk)
      else chunks.length = 0
    })
    req.on("end", () => resolve(over ? null : Buffer.concat(chunks)))
    req.on("error", reject)
  })
  if (!bytes) return tooLarge
  if (bytes.length === 0) return { ok: false, status: 400, message: "The body is empty: send the CSV file's content as the request body" }
  return { ok: true, bytes }
}
