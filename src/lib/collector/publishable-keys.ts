import type { MedusaContainer } from "@medusajs/framework/types"
import { ApiKeyType, Modules } from "@medusajs/framework/utils"

const TTL_MS = 60_000
const MAX_ENTRIES = 10_000

type Entry = { valid: boolean; revokedAt: number | null; checkedAt: number }

/**
 * Checks publishable keys for the collector's fast path through Medusa's API key module,
 * cached in process for 60 s: a revoked key stops working within a minute. Unknown keys are
 * cached too (so a flood of made-up keys does not become a flood of queries), and the cache
 * is bounded.
 */
export class PublishableKeyCache {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly now: () => number = Date.now) {}

  async isValid(container: MedusaContainer, token: string): Promise<boolean> {
    const now = this.now()
    let entry = this.entries.get(token)
    if (!entry || now - entry.checkedAt > TTL_MS) {
      entry = await this.lookup(container, token, now)
      if (this.entries.size >= MAX_ENTRIES) {
        this.entries.delete(this.entries.keys().next().value as string)
      }
      this.entries.set(token, entry)
    }
    return entry.valid && (entry.revokedAt === null || entry.revokedAt > now)
  }

  private async lookup(container: MedusaContainer, token: string, now: number): Promise<Entry> {
    // Secret keys start with sk_ and are never accepted from a browser: answer without a query.
    if (!token.startsWith("pk_")) {
      return { valid: false, revokedAt: null, checkedAt: now }
    }
    const apiKeys = container.resolve(Modules.API_KEY)
    const [key] = await apiKeys.listApiKeys(
      { token, type: ApiKeyType.PUBLISHABLE },
      { select: ["id", "revoked_at"], take: 1 }
    )
    return {
      valid: !!key,
      revokedAt: key?.revoked_at ? new Date(key.revoked_at).getTime() : null,
      checkedAt: now,
    }
  }
}

export const publishableKeys = new PublishableKeyCache()
