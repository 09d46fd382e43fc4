import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SNIPPET_SHA256, SNIPPET_SOURCE } from "./snippet-source"

// GET /attribution/script.js: the storefront snippet, built from storefront-snippet/ into
// ./snippet-source.ts at build time. Cached for 5 minutes, then revalidated by ETag, so a
// plugin update reaches browsers within minutes.
export const AUTHENTICATE = false

const ETAG = `"${SNIPPET_SHA256.slice(0, 32)}"`

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.setHeader("ETag", ETAG)
  res.setHeader("Cache-Control", "public, max-age=300, stale-while-revalidate=86400")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Cross-Origin-Resource-Policy", "cross-origin")
  const match = req.get("if-none-match")
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === ETAG)) {
    res.status(304).end()
    return
  }
  res.setHeader("Content-Type", "application/javascript; charset=utf-8")
  res.status(200).send(SNIPPET_SOURCE)
}
