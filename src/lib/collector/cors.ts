import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, parseCorsOrigins } from "@medusajs/framework/utils"

/**
 * The fast-path collector is outside /store, where Medusa applies no CORS, so it answers
 * the storefront origins the store already allows (`projectConfig.http.storeCors`). Without
 * this header a browser could not read the answer and would resend the batch.
 */
export function applyStoreCors(req: MedusaRequest, res: MedusaResponse): void {
  const origin = req.headers.origin
  if (!origin) {
    return
  }
  const config = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const allowed = parseCorsOrigins(config.projectConfig.http.storeCors ?? "")
  const ok = allowed.some((o) => (o instanceof RegExp ? o.test(origin) : o === "*" || o === origin))
  if (ok) {
    res.setHeader("Access-Control-Allow-Origin", origin)
    res.setHeader("Vary", "Origin")
  }
}
