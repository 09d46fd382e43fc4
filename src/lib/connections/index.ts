import type { ResolvedAttributionOptions } from "../../modules/attribution/options"
import { createLemonSqueezyConnector } from "./lemonsqueezy-connector"
import { createStripeConnector } from "./stripe-connector"
import { CONNECTABLE_PROVIDERS, type ConnectableProvider, type ProviderConnector } from "./types"

export * from "./types"

export function isConnectable(provider: string): provider is ConnectableProvider {
  return (CONNECTABLE_PROVIDERS as readonly string[]).includes(provider)
}

/** The API client of a connectable provider, configured from the plugin options. */
export function connectorFor(provider: ConnectableProvider, options: ResolvedAttributionOptions): ProviderConnector {
  return provider === "stripe" ? createStripeConnector({ apiBaseUrl: options.apiBaseUrls.stripe }) : createLemonSqueezyConnector()
}
