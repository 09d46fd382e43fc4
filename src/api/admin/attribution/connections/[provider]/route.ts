import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { describeIssues } from "../../../../../lib/collector/schema"
import { connectorFor } from "../../../../../lib/connections"
import { answerConnectionError, attributionOf, connectableParam } from "../../../../../lib/connections/http"
import { ConnectBody } from "../../../../../lib/connections/schema"
import { connectionJson } from "../../../../../lib/connections/serialize"
import { ENCRYPTION_KEY_ENV } from "../../../../../modules/attribution/options"

/**
 * POST /admin/attribution/connections/:provider `{ api_key, store_id?, webhook_url, register? }`:
 * checks the key with the provider, registers the plugin's webhook endpoint there (unless
 * `register: false`), and stores the key and the endpoint's signing secret encrypted. From then
 * on deliveries signed with that secret are accepted. The key is never answered or logged.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const provider = connectableParam(req, res)
  if (!provider) return
  const attribution = attributionOf(req)
  if (!(await attribution.encryptionConfigured())) {
    res.status(503).json({
      type: "not_configured",
      message: `No encryption key is configured: set the environment variable ${ENCRYPTION_KEY_ENV} or the plugin option encryptionKey (at least 32 characters), restart, then connect`,
    })
    return
  }
  const parsed = ConnectBody.safeParse(req.body ?? {})
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error) })
    return
  }
  const body = parsed.data
  if (provider === "lemonsqueezy" && !body.store_id) {
    res.status(400).json({ type: "invalid_data", message: "store_id: is required for LemonSqueezy (Settings → Stores in LemonSqueezy shows it)" })
    return
  }
  if (await attribution.getConnection(provider)) {
    res.status(409).json({ type: "conflict", message: `${provider} is already connected: disconnect it first` })
    return
  }

  const connector = connectorFor(provider, await attribution.getOptions())
  let result
  try {
    result = await connector.connect({ apiKey: body.api_key, storeId: body.store_id ?? null, webhookUrl: body.webhook_url, register: body.register })
  } catch (e) {
    if (answerConnectionError(res, e)) return
    throw e
  }
  const row = await attribution.saveConnection({
    provider,
    api_key: body.api_key,
    store_id: body.store_id ?? null,
    account_name: result.accountName,
    is_test: result.isTest,
    webhook_endpoint_id: result.webhookEndpointId,
    webhook_url: result.webhookEndpointId ? body.webhook_url : null,
    webhook_secret: result.webhookSecret,
  })
  if (!row) {
    // Connected by a concurrent request meanwhile: remove the endpoint this one registered.
    if (result.webhookEndpointId) {
      await connector
        .disconnect({ apiKey: body.api_key, storeId: body.store_id ?? null, webhookEndpointId: result.webhookEndpointId })
        .catch(() => undefined)
    }
    res.status(409).json({ type: "conflict", message: `${provider} is already connected: disconnect it first` })
    return
  }
  res.status(201).json({ connection: connectionJson(provider, row) })
}

/**
 * DELETE /admin/attribution/connections/:provider: removes the webhook endpoint the plugin
 * registered, then the stored key and secret. When the provider refuses (a revoked key), the
 * connection is still removed here and `webhook_removed` is false with the reason: delete the
 * endpoint in the provider's dashboard.
 */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  const provider = connectableParam(req, res)
  if (!provider) return
  const attribution = attributionOf(req)
  const row = await attribution.getConnection(provider)
  if (!row) {
    res.status(404).json({ type: "not_found", message: `${provider} is not connected` })
    return
  }
  let webhookRemoved = false
  let webhookError: string | null = null
  if (row.webhook_endpoint_id) {
    try {
      const credentials = await attribution.connectionCredentials(provider)
      await connectorFor(provider, await attribution.getOptions()).disconnect(credentials!)
      webhookRemoved = true
    } catch (e) {
      webhookError = `The webhook endpoint ${row.webhook_endpoint_id} could not be removed (${(e as Error).message}); delete it in the ${provider} dashboard`
    }
  }
  await attribution.deleteConnection(provider)
  res.json({ provider, disconnected: true, webhook_removed: webhookRemoved, ...(webhookError ? { message: webhookError } : {}) })
}
