import { Badge, Button, Text, usePrompt } from "@medusajs/ui"
import type { ReactNode } from "react"
import { errorMessage } from "../../../hooks/use-attribution"
import { useDisconnect } from "../../../hooks/use-connections"
import type { Connection } from "../../../lib/connections-types"
import { formatDateTime } from "../../../lib/format"
import { PROVIDER_LABELS } from "../../../lib/labels"
import { ErrorLine } from "./error-line"

/** One line of the connection's facts: a muted label and its value. */
const Fact = ({ label, testId, children }: { label: string; testId: string; children: ReactNode }) => (
  <div className="flex flex-col gap-y-0.5">
    <Text size="xsmall" className="text-ui-fg-muted">
      {label}
    </Text>
    <Text size="small" data-testid={testId} className="break-all">
      {children}
    </Text>
  </div>
)

type Props = {
  connection: Connection
  /** What the disconnect did at the provider, for the card to show once the form replaces this. */
  onDisconnected: (message: string) => void
}

/** A connected provider: which account, which key, its webhook, and Disconnect. */
export const ConnectionDetails = ({ connection, onDisconnected }: Props) => {
  const { provider, webhook } = connection
  const label = PROVIDER_LABELS[provider]
  const id = (field: string) => `ra-connection-${provider}-${field}`
  const disconnect = useDisconnect(provider)
  const prompt = usePrompt()

  const onDisconnect = async () => {
    const confirmed = await prompt({
      title: `Disconnect ${label}?`,
      description: webhook.registered
        ? `The webhook endpoint the plugin registered at ${label} is removed, and the key and signing secret are deleted. Payments already recorded stay.`
        : `The key is deleted. Payments already recorded stay.`,
      confirmText: "Disconnect",
      cancelText: "Cancel",
    })
    if (!confirmed) return
    // Awaited here rather than in mutate's callbacks: the list refreshes first and unmounts this
    // component, and react-query drops the callbacks of an unmounted one. A failure is shown below.
    const answer = await disconnect.mutateAsync().catch(() => null)
    if (!answer) return
    onDisconnected(
      webhook.registered && !answer.webhook_removed
        ? `${label} is disconnected. ${answer.message ?? `Its webhook endpoint could not be removed: delete it in the ${label} dashboard.`}`
        : webhook.registered
          ? `${label} is disconnected and its webhook endpoint removed.`
          : `${label} is disconnected.`
    )
  }

  return (
    <div className="flex flex-col gap-y-3">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <Fact label="Account" testId={id("account")}>
          {/* A restricted Stripe key usually may not read the account: the name is only a label. */}
          {connection.account_name ?? "Not readable with this key"}
          {connection.store_id ? ` (store ${connection.store_id})` : ""}
        </Fact>
        <Fact label="Key" testId={id("key-hint")}>
          <code>{connection.api_key_hint ?? "—"}</code>
        </Fact>
        <Fact label="Connected" testId={id("connected-at")}>
          {formatDateTime(connection.connected_at, "—")}
        </Fact>
      </div>
      <div className="flex flex-col gap-y-1" data-testid={id("webhook")} data-registered={String(webhook.registered)}>
        <Text size="xsmall" className="text-ui-fg-muted">
          Webhook
        </Text>
        {webhook.registered ? (
          <>
            <Text size="small" data-testid={id("webhook-status")}>
              Registered as <code data-testid={id("webhook-endpoint")}>{webhook.endpoint_id ?? "—"}</code>
              {webhook.secret_stored ? "; its signing secret is stored encrypted and never shown." : "."}
            </Text>
            <code className="bg-ui-bg-subtle truncate rounded-md px-3 py-1.5 font-mono text-xs" data-testid={id("webhook-url")}>
              {webhook.url}
            </code>
          </>
        ) : (
          <Text size="small" className="text-ui-fg-subtle" data-testid={id("webhook-status")}>
            Not registered by the plugin: add the endpoint by hand (Payment webhooks below) and give the plugin its secret.
          </Text>
        )}
      </div>
      {disconnect.isError && (
        <ErrorLine testId={id("disconnect-error")}>{errorMessage(disconnect.error)}</ErrorLine>
      )}
      <div>
        <Button size="small" variant="danger" onClick={() => void onDisconnect()} isLoading={disconnect.isPending} data-testid={id("disconnect")}>
          Disconnect
        </Button>
      </div>
    </div>
  )
}

/** The test or live badge of a connected key. */
export const ModeBadge = ({ connection }: { connection: Connection }) => (
  <Badge size="2xsmall" color={connection.is_test ? "orange" : "green"} data-testid={`ra-connection-${connection.provider}-mode`}>
    {connection.is_test ? "Test mode" : "Live"}
  </Badge>
)
