import type { MedusaResponse } from "@medusajs/framework/http"
import { SECRET_ENV_VARS, type WebhookProvider } from "../../modules/attribution/options"

/** 503 naming the missing option: a provider with no secret never gets unsigned data in. */
export function secretMissing(res: MedusaResponse, provider: WebhookProvider): void {
  res.status(503).json({
    type: "not_configured",
    message: `No ${provider} webhook secret is configured: set the plugin option ${provider}.webhookSecret or the environment variable ${SECRET_ENV_VARS[provider]}`,
  })
}

export function badSignature(res: MedusaResponse, detail: string): void {
  res.status(400).json({ type: "invalid_signature", message: detail })
}
