import { createHash } from "crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

const WINDOW_SECONDS = 60

/**
 * A fixed one-minute window per client, counted in Medusa's cache module: in memory by
 * default, shared by every server when the store configures the Redis cache module. The
 * client is a hash of its IP address and key; the address itself is never stored. The read
 * and the write are two calls, so concurrent requests on several servers can each pass on the
 * same count: the limit can let a few extra requests through, never block a legitimate one.
 */
export async function overRateLimit(
  container: MedusaContainer,
  client: { ip: string | undefined; key: string },
  limitPerMinute: number,
  now = Date.now()
): Promise<{ limited: boolean; retryAfterSeconds: number }> {
  if (!limitPerMinute) {
    return { limited: false, retryAfterSeconds: 0 }
  }
  const window = Math.floor(now / 1000 / WINDOW_SECONDS)
  const client_ = createHash("sha256").update(`${client.ip ?? "unknown"}|${client.key}`).digest("base64url").slice(0, 22)
  const cacheKey = `attribution:rate:${client_}:${window}`
  const cache = container.resolve(Modules.CACHE)
  const count = (await cache.get<number>(cacheKey)) ?? 0
  const retryAfterSeconds = WINDOW_SECONDS - (Math.floor(now / 1000) % WINDOW_SECONDS)
  if (count >= limitPerMinute) {
    return { limited: true, retryAfterSeconds }
  }
  await cache.set(cacheKey, count + 1, WINDOW_SECONDS)
  return { limited: false, retryAfterSeconds }
}
