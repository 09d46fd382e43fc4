import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type { AttributionModuleService } from "../../modules/attribution"
import { describeDevice, isBotUserAgent, toIngestEvent } from "./enrich"
import { overRateLimit } from "./rate-limit"
import type { CollectorEvent } from "./schema"

/**
 * What both collector routes do once the body is valid and the key accepted: rate-limit the
 * client, drop bots, enrich each event and queue it. Answers 202 with the number accepted.
 */
export async function collect(req: MedusaRequest, res: MedusaResponse, key: string, events: CollectorEvent[]) {
  const attribution = req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const options = await attribution.getOptions()

  const { limited, retryAfterSeconds } = await overRateLimit(
    req.scope,
    { ip: req.ip, key },
    options.collectorRateLimitPerMinute
  )
  if (limited) {
    res.setHeader("Retry-After", String(retryAfterSeconds))
    res.status(429).json({ type: "rate_limited", message: `Too many requests: try again in ${retryAfterSeconds} s` })
    return
  }

  const now = Date.now()
  const requestAgent = req.get("user-agent")
  const accepted = []
  for (const event of events) {
    // Server-side callers forward the browser's user agent per event.
    const agent = event.user_agent ?? requestAgent
    if (isBotUserAgent(agent)) {
      continue
    }
    accepted.push(toIngestEvent(event, describeDevice(agent), options.storeHosts, now))
  }
  if (accepted.length) {
    await attribution.enqueueEvents(accepted)
  }
  res.status(202).json({ accepted: accepted.length })
}
