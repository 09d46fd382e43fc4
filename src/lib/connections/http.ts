import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE, type AttributionModuleService } from "../../modules/attribution"
import { CONNECTABLE_PROVIDERS, type ConnectableProvider, ConnectionError } from "./types"
import { isConnectable } from "./index"

/** The `:provider` of a connections route, or a 404 naming the ones that can be connected. */
export function connectableParam(req: MedusaRequest, res: MedusaResponse): ConnectableProvider | null {
  const provider = req.params.provider
  if (!isConnectable(provider)) {
    res.status(404).json({
      type: "not_found",
      message: `"${String(provider).slice(0, 40)}" cannot be connected from the admin; connectable providers: ${CONNECTABLE_PROVIDERS.join(", ")} (Paddle and Polar: set their webhook secret in the options)`,
    })
    return null
  }
  return provider
}

export const attributionOf = (req: MedusaRequest) => req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

/** A connector's ConnectionError answered with its status and message (which never holds a key). */
export function answerConnectionError(res: MedusaResponse, e: unknown): boolean {
  if (!(e instanceof ConnectionError)) {
    return false
  }
  res.status(e.status).json({ type: e.status === 502 ? "provider_unreachable" : "invalid_data", message: e.message })
  return true
}
