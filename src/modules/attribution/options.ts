/**
 * Plugin options as a store writes them in `medusa-config.ts` (CONTRACT.md), and the resolved
 * form the rest of the plugin reads. Medusa hands plugin options to modules only, so routes
 * and subscribers get them from `attributionService.getOptions()`.
 */
export type SecretOption = string | string[]

export type AttributionPluginOptions = {
  /**
   * `apiBaseUrl` points the provider's API client elsewhere than the provider (a proxy, or a
   * local server in tests); leave it unset in production.
   */
  stripe?: { webhookSecret?: SecretOption; apiBaseUrl?: string }
  lemonsqueezy?: { webhookSecret?: SecretOption }
  paddle?: { webhookSecret?: SecretOption }
  polar?: { webhookSecret?: SecretOption }
  sessionTimeoutMinutes?: number
  attributionWindowDays?: number
  timestampMatchWindowMinutes?: number
  /** Hosts of the storefront: a referrer from one of them is internal navigation. */
  storeHosts?: string[]
  /** Collector requests allowed per client (IP address and key) per minute; 0 turns it off. */
  collectorRateLimitPerMinute?: number
  /** Raw storefront events older than this many days are deleted daily; unset keeps them. */
  eventRetentionDays?: number
  /** data_driven: below this many converting paths in the window, the model credits like linear (docs/data-driven.md). */
  dataDrivenMinConversions?: number
  /** data_driven: the weights are computed over the paths of this many past days. */
  dataDrivenWindowDays?: number
  /**
   * Encrypts the API keys and webhook signing secrets of providers connected from the admin
   * (AES-256-GCM, key derived with HKDF). Falls back to ATTRIBUTION_ENCRYPTION_KEY; at least
   * 32 characters. Without it, connecting from the admin is refused (secrets in options still work).
   */
  encryptionKey?: string
}

export const WEBHOOK_PROVIDERS = ["stripe", "lemonsqueezy", "paddle", "polar"] as const
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number]

export type ResolvedAttributionOptions = {
  webhookSecrets: Record<WebhookProvider, string[]>
  sessionTimeoutMinutes: number
  attributionWindowDays: number
  timestampMatchWindowMinutes: number
  storeHosts: string[]
  collectorRateLimitPerMinute: number
  eventRetentionDays: number | null
  dataDrivenMinConversions: number
  dataDrivenWindowDays: number
  /** null when neither the option nor ATTRIBUTION_ENCRYPTION_KEY is set. */
  encryptionKey: string | null
  /** Where each provider's API client connects; null means the provider itself. */
  apiBaseUrls: { stripe: string | null }
}

export const DEFAULT_OPTIONS = {
  collectorRateLimitPerMinute: 600,
  sessionTimeoutMinutes: 30,
  attributionWindowDays: 90,
  timestampMatchWindowMinutes: 30,
  dataDrivenMinConversions: 100,
  dataDrivenWindowDays: 90,
} as const

/** The environment variable each provider's secret falls back to. */
export const SECRET_ENV_VARS: Record<WebhookProvider, string> = {
  stripe: "ATTRIBUTION_STRIPE_WEBHOOK_SECRET",
  lemonsqueezy: "ATTRIBUTION_LEMONSQUEEZY_WEBHOOK_SECRET",
  paddle: "ATTRIBUTION_PADDLE_WEBHOOK_SECRET",
  polar: "ATTRIBUTION_POLAR_WEBHOOK_SECRET",
}

export const ENCRYPTION_KEY_ENV = "ATTRIBUTION_ENCRYPTION_KEY"
export const MIN_ENCRYPTION_KEY_LENGTH = 32

export class InvalidOptionError extends Error {}

function encryptionKey(raw: AttributionPluginOptions, env: Record<string, string | undefined>): string | null {
  const key = raw.encryptionKey ?? env[ENCRYPTION_KEY_ENV] ?? null
  if (key === null || key === "") {
    return null
  }
  if (typeof key !== "string" || key.length < MIN_ENCRYPTION_KEY_LENGTH) {
    // Never echo the value: it is a secret.
    throw new InvalidOptionError(
      `medusa-revenue-attribution: option "encryptionKey" (or ${ENCRYPTION_KEY_ENV}) must be a string of at least ${MIN_ENCRYPTION_KEY_LENGTH} characters`
    )
  }
  return key
}

function secretList(value: SecretOption | undefined): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  // An env var may carry several secrets separated by commas (rotation).
  return list
    .flatMap((s) => (typeof s === "string" ? s.split(",") : []))
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

function positiveNumber(name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) {
    return fallback
  }
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(
      `medusa-revenue-attribution: option "${name}" must be a positive number, got ${JSON.stringify(value)}`
    )
  }
  return value
}

export function resolveOptions(
  raw: AttributionPluginOptions = {},
  env: Record<string, string | undefined> = process.env
): ResolvedAttributionOptions {
  const webhookSecrets = {} as Record<WebhookProvider, string[]>
  for (const provider of WEBHOOK_PROVIDERS) {
    const fromOptions = secretList(raw[provider]?.webhookSecret)
    webhookSecrets[provider] = fromOptions.length ? fromOptions : secretList(env[SECRET_ENV_VARS[provider]])
  }
  return {
    webhookSecrets,
    sessionTimeoutMinutes: positiveNumber("sessionTimeoutMinutes", raw.sessionTimeoutMinutes, DEFAULT_OPTIONS.sessionTimeoutMinutes),
    attributionWindowDays: positiveNumber("attributionWindowDays", raw.attributionWindowDays, DEFAULT_OPTIONS.attributionWindowDays),
    timestampMatchWindowMinutes: positiveNumber(
      "timestampMatchWindowMinutes",
      raw.timestampMatchWindowMinutes,
      DEFAULT_OPTIONS.timestampMatchWindowMinutes
    ),
    storeHosts: (raw.storeHosts ?? []).map((h) => String(h).toLowerCase()),
    collectorRateLimitPerMinute:
      raw.collectorRateLimitPerMinute === 0
        ? 0
        : positiveNumber("collectorRateLimitPerMinute", raw.collectorRateLimitPerMinute, DEFAULT_OPTIONS.collectorRateLimitPerMinute),
    eventRetentionDays:
      raw.eventRetentionDays === undefined || raw.eventRetentionDays === null
        ? null
        : positiveNumber("eventRetentionDays", raw.eventRetentionDays, 1),
    // 0 is allowed: use the weights as soon as there is one conversion.
    dataDrivenMinConversions:
      raw.dataDrivenMinConversions === 0
        ? 0
        : positiveNumber("dataDrivenMinConversions", raw.dataDrivenMinConversions, DEFAULT_OPTIONS.dataDrivenMinConversions),
    dataDrivenWindowDays: positiveNumber("dataDrivenWindowDays", raw.dataDrivenWindowDays, DEFAULT_OPTIONS.dataDrivenWindowDays),
    encryptionKey: encryptionKey(raw, env),
    apiBaseUrls: { stripe: raw.stripe?.apiBaseUrl ?? null },
  }
}
