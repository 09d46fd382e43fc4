import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireSecretKey } from "./auth"
import { readJsonBody } from "./body"
import type { ApiAnswer } from "./record"
import { type FieldIssue, describeFieldIssues } from "./schema"

type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

/**
 * The payment API's request cycle: the secret key first (401), then the JSON body (400),
 * then the fields (400 naming each bad one), then `handle`.
 */
export async function handleApiRequest<T>(
  req: MedusaRequest,
  res: MedusaResponse,
  parse: (body: Record<string, unknown>) => Parsed<T>,
  handle: (value: T) => Promise<ApiAnswer>
): Promise<void> {
  if (!(await requireSecretKey(req, res))) {
    return
  }
  const body = await readJsonBody(req)
  if (!body.ok) {
    res.status(body.status).json({ type: "invalid_data", message: body.message })
    return
  }
  const parsed = parse(body.value)
  if (!parsed.ok) {
    res.status(400).json({ type: "invalid_data", message: describeFieldIssues(parsed.issues), errors: parsed.issues })
    return
  }
  const answer = await handle(parsed.value)
  res.status(answer.status).json(answer.body)
}
