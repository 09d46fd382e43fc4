export type ProviderStatus = { webhook_secret_configured: boolean }

export type AttributionStatus = {
  visitors: number
  sessions: number
  events: number
  payments: number
  last_event_at: string | null
  last_payment_at: string | null
  providers: Record<string, ProviderStatus>
}
