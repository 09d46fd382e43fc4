import type { MedusaResponse } from "@medusajs/framework/http"

/**
 * The fast-path collector is outside /store, where Medusa applies no CORS. It answers every
 * origin: the request carries no cookies or credentials and the answer holds nothing but a
 * count, and a browser that cannot read the answer would treat a 202 as a failure and send
 * the batch again. Set before anything else, so errors carry it too.
 */
export function allowAnyOrigin(res: MedusaResponse): void {
  res.setHeader("Access-Control-Allow-Origin", "*")
}
