import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { collect } from "../../../lib/collector/collect"
import { allowAnyOrigin } from "../../../lib/collector/cors"
import { publishableKeys } from "../../../lib/collector/publishable-keys"
import { FastPathBody, describeIssues } from "../../../lib/collector/schema"

// The snippet's fast path: JSON sent as text/plain with the publishable key in the body, a
// CORS simple request (no preflight, and sendBeacon can send it). See CONTRACT.md.
export const AUTHENTICATE = false

function readBody(body: unknown): { ok: true; value: Record<string, unknown> } | { ok: false } {
  let value = body
  if (typeof body === "string") {
    try {
      value = JSON.parse(body)
    } catch {
      return { ok: false }
    }
  }
  return value && typeof value === "object" && !Array.isArray(value)
    ? { ok: true, value: value as Record<string, unknown> }
    : { ok: false }
}

export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  allowAnyOrigin(res)
  const body = readBody(req.body)
  if (!body.ok) {
    res.status(400).json({ type: "invalid_data", message: "The body must be a JSON object sent as text/plain or application/json" })
    return
  }
  const key = body.value.key
  if (typeof key !== "string" || !key) {
    res.status(401).json({ type: "unauthorized", message: 'A publishable API key is required in the body ("key")' })
    return
  }
  if (!(await publishableKeys.isValid(req.scope, key))) {
    res.status(401).json({ type: "unauthorized", message: "The publishable API key is unknown, revoked or not publishable" })
    return
  }
  const parsed = FastPathBody.safeParse(body.value)
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error) })
    return
  }
  await collect(req, res, key, parsed.data.events)
}

export const OPTIONS = async (req: MedusaRequest, res: MedusaResponse) => {
  allowAnyOrigin(res)
  res.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS")
  res.setHeader("Access-Control-Allow-Headers", "content-type")
  res.setHeader("Access-Control-Max-Age", "86400")
  res.status(204).end()
}
