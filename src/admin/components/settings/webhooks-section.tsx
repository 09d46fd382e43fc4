import { Badge, Container, Copy, Heading, Text } from "@medusajs/ui"
import { useConnections } from "../../hooks/use-connections"
import { backendOrigin } from "../../lib/backend"
import type { Connection } from "../../lib/connections-types"
import { PROVIDER_LABELS } from "../../lib/labels"
import { WEBHOOK_PROVIDERS } from "../../lib/types"
import type { AttributionStatus, WebhookProvider } from "../../lib/types"
import { PROVIDER_SETUP, secretEnvVar } from "./providers"

type Props = { status: AttributionStatus | undefined; isLoading: boolean; isError: boolean }

/**
 * One card per payment provider: webhook URL, whether its secret is set, events to select. A
 * provider connected above with a registered endpoint has its secret: the stored one counts.
 */
export const WebhooksSection = ({ status, isLoading, isError }: Props) => {
  const origin = backendOrigin()
  const connections = useConnections()
  const registered = (provider: WebhookProvider) =>
    connections.data?.connections.find((c: Connection) => c.provider === provider && c.connected && c.webhook.secret_stored)
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Payment webhooks</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Orders placed in Medusa are recorded by themselves, whatever their payment provider. For payments made outside
          Medusa's checkout (Payment Links, subscriptions, another shop), add a webhook in the provider's dashboard with
          the URL below and give the plugin its signing secret, in the plugin options in <code>medusa-config.ts</code> or
          the environment variable, then restart the server; or, for Stripe and Lemon Squeezy, connect the provider above
          and let the plugin register it. Without a secret a route refuses every delivery (503).
        </Text>
      </div>
      {WEBHOOK_PROVIDERS.map((provider) => (
        <ProviderCard
          key={provider}
          provider={provider}
          url={`${origin}/attribution/webhooks/${provider}`}
          configured={status?.providers?.[provider]?.webhook_secret_configured}
          registered={registered(provider)}
          isLoading={isLoading}
          isError={isError}
        />
      ))}
    </Container>
  )
}

type CardProps = {
  provider: WebhookProvider
  url: string
  /** From the plugin options or the environment, as the status route answers. */
  configured: boolean | undefined
  /** The connection whose registered endpoint's secret is stored, if any. */
  registered: Connection | undefined
  isLoading: boolean
  isError: boolean
}

const ProviderCard = ({ provider, url, configured: inOptions, registered, isLoading, isError }: CardProps) => {
  const setup = PROVIDER_SETUP[provider]
  const configured = registered ? true : inOptions
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid={`ra-webhook-${provider}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Text weight="plus">{PROVIDER_LABELS[provider]}</Text>
        {configured === undefined ? (
          <Text size="small" className="text-ui-fg-muted">
            {isLoading ? "Checking the secret…" : isError ? "Could not read the plugin's status." : ""}
          </Text>
        ) : (
          <div className="flex items-center gap-x-2">
            <Badge size="2xsmall" color={configured ? "green" : "orange"}>
              {registered ? "Registered" : configured ? "Secret set" : "No secret"}
            </Badge>
          </div>
        )}
      </div>
      <div className="flex flex-col gap-y-1">
        <Text size="xsmall" className="text-ui-fg-muted">
          Webhook URL ({setup.where})
        </Text>
        <div className="bg-ui-bg-subtle flex items-center justify-between gap-x-2 rounded-md px-3 py-1.5">
          <code className="truncate font-mono text-xs" data-testid={`ra-webhook-url-${provider}`}>
            {url}
          </code>
          <Copy content={url} aria-label={`Copy the ${PROVIDER_LABELS[provider]} webhook URL`} />
        </div>
      </div>
      {configured !== undefined && (
        <Text
          size="small"
          data-testid={`ra-secret-status-${provider}`}
          className={configured ? "text-ui-tag-green-text" : "text-ui-fg-subtle"}
        >
          {registered
            ? `Configured: the endpoint the plugin registered (${registered.webhook.endpoint_id ?? "—"}) has its signing secret stored encrypted.`
            : configured
            ? "Configured"
            : `Not configured — set ${setup.option} in the plugin options or ${secretEnvVar(provider)} (${setup.secretHint}).`}
        </Text>
      )}
      <div className="flex flex-col gap-y-1">
        <Text size="xsmall" className="text-ui-fg-muted">
          Events to select
        </Text>
        <div className="flex flex-wrap gap-1" data-testid={`ra-webhook-events-${provider}`}>
          {setup.events.map((event) => (
            <Badge key={event} size="2xsmall" className="font-mono">
              {event}
            </Badge>
          ))}
        </div>
      </div>
      <ul className="text-ui-fg-subtle txt-compact-xsmall flex list-disc flex-col gap-y-1 pl-4">
        {setup.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  )
}
