import { Text } from "@medusajs/ui"
import { useState } from "react"
import type { Connection } from "../../../lib/connections-types"
import { PROVIDER_LABELS } from "../../../lib/labels"
import { BackfillPanel } from "./backfill-panel"
import { ConnectForm } from "./connect-form"
import { ConnectionDetails, ModeBadge } from "./connection-details"

type Props = { connection: Connection; encryptionConfigured: boolean }

/** One provider: its connect form, or once connected its details and the import of past payments. */
export const ProviderConnection = ({ connection, encryptionConfigured }: Props) => {
  const { provider } = connection
  /** The outcome of a disconnect, shown above the form that replaces the details. */
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <div
      className="flex flex-col gap-y-4 px-6 py-4"
      data-testid={`ra-connection-${provider}`}
      data-connected={String(connection.connected)}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Text weight="plus">{PROVIDER_LABELS[provider]}</Text>
        {connection.connected ? (
          <ModeBadge connection={connection} />
        ) : (
          <Text size="small" className="text-ui-fg-muted">
            Not connected
          </Text>
        )}
      </div>
      {notice && !connection.connected && (
        <Text size="small" data-testid={`ra-connection-${provider}-notice`}>
          {notice}
        </Text>
      )}
      {connection.connected ? (
        <>
          <ConnectionDetails connection={connection} onDisconnected={setNotice} />
          <div className="border-ui-border-base border-t pt-4">
            <BackfillPanel provider={provider} initial={connection.backfill} />
          </div>
        </>
      ) : (
        <ConnectForm provider={provider} enabled={encryptionConfigured} />
      )}
    </div>
  )
}
