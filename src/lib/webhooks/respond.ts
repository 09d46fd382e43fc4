import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE, type AttributionModuleService } from "../../modules/attribution"
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

export type WebhookDelivery = {
  attribution: AttributionModuleService
  secrets: string[]
  raw: Buffer
  /** The required headers' values, in the order asked for. */
  headers: string[]
}

/**
 * What every webhook route does first: the provider's secrets (503 without any), then its
 * signature headers and the raw bytes (400 when one is missing). Answers null once it has
 * answered the request itself.
 */
export async function receiveDelivery(
  req: MedusaRequest,
  res: MedusaResponse,
  provider: WebhookProvider,
  headerNames: string[]
): Promise<WebhookDelivery | null> {
  const attribution = req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const secrets = await attribution.getWebhookSecrets(provider)
  if (!secrets.length) {
    secretMissing(res, provider)
    return null
  }
  const headers = headerNames.map((name) => req.get(name))
  const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody
  if (headers.some((h) => !h) || !raw) {
    const names = headerNames.map((n) => n.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase()))
    badSignature(res, `The ${names.join(", ")} header${names.length > 1 ? "s" : ""} and a JSON body are required`)
    return null
  }
  return { attribution, secrets, raw, headers: headers as string[] }
}

/** The verified body parsed, or undefined once a 400 is answered (signed, yet not JSON). */
export function parseSignedJson(res: MedusaResponse, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    res.status(400).json({ type: "invalid_data", message: "The body is not valid JSON" })
    return undefined
  }
}
