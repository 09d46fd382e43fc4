import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE, type AttributionModuleService } from "../../modules/attribution"
import { connectorFor } from "./index"
import type { ConnectableProvider, ProviderConnector } from "./types"

/** How long a runner owns a backfill without saving a page before another process may take over. */
export const BACKFILL_LEASE_MS = 120_000

type Logger = { info: (m: string) => void; warn: (m: string) => void; error: (m: string) => void }

/**
 * Imports a connected provider's past payments page by page, through the same
 * `ingestProviderEvent` the webhooks use, so a payment the webhook already stored (or an
 * earlier import) is not stored again. The cursor and counts are saved after every page under
 * a lease: when the process stops, the `resume-backfills` job continues from the last page.
 * Answers when the import ends, fails or is taken over; never throws.
 */
export async function runBackfill(
  attribution: AttributionModuleService,
  connector: ProviderConnector,
  provider: ConnectableProvider,
  logger?: Logger
): Promise<void> {
  const row = await attribution.claimBackfill(provider, BACKFILL_LEASE_MS)
  if (!row) {
    return // not running, or another process holds it
  }
  try {
    const credentials = await attribution.connectionCredentials(provider)
    if (!credentials) {
      return
    }
    const since = new Date(row.backfill_since!)
    let cursor = row.backfill_cursor?.next ?? null
    for (;;) {
      const page = await connector.backfillPage(credentials, since, cursor)
      const counts = { payments: 0, refunds: 0, skipped: 0 }
      for (const item of page.items) {
        try {
          const result = await attribution.ingestProviderEvent({ provider, ...item })
          // A payment already stored (by a webhook, an earlier import or another of its
          // objects: a session and its charge are one payment) counts as skipped.
          if (result.outcome === "payment" && result.created) counts.payments++
          else if (result.outcome === "refund") counts.refunds++
          else counts.skipped++
        } catch (e) {
          // A refund of a payment the provider did not list (older than the window): skip it.
          if (e instanceof MedusaError && e.type === MedusaError.Types.NOT_FOUND) counts.skipped++
          else throw e
        }
      }
      const kept = await attribution.saveBackfillProgress(provider, {
        cursor: { next: page.next, label: page.label },
        ...counts,
        done: page.next === null,
        leaseMs: BACKFILL_LEASE_MS,
      })
      if (!kept || page.next === null) {
        logger?.info(`attribution: ${provider} backfill ${kept ? "done" : "stopped"}`)
        return
      }
      cursor = page.next
    }
  } catch (e) {
    const message = (e as Error).message || String(e)
    logger?.warn(`attribution: ${provider} backfill failed: ${message}`)
    await attribution.failBackfill(provider, message).catch(() => undefined)
  }
}

/**
 * Starts the runner without waiting for it: the admin polls the progress. Resolves the module
 * from the container so the runner outlives the request's scope.
 */
export function runBackfillInBackground(container: { resolve: <T>(key: string) => T }, provider: ConnectableProvider): void {
  const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  setImmediate(() => {
    attribution
      .getOptions()
      .then((options) => runBackfill(attribution, connectorFor(provider, options), provider, logger))
      .catch((e) => logger.error(`attribution: ${provider} backfill could not start: ${(e as Error).message}`))
  })
}
