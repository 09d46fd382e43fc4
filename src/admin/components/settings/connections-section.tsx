import { Container, Heading, Text } from "@medusajs/ui"
import { errorMessage } from "../../hooks/use-attribution"
import { useConnections } from "../../hooks/use-connections"
import { ErrorState, LoadingState } from "../common/states"
import { EncryptionNotice } from "./connections/encryption-notice"
import { ProviderConnection } from "./connections/provider-connection"

/**
 * Settings: connect Stripe or Lemon Squeezy with an API key. The plugin registers its webhook
 * endpoint there, keeps the key and the endpoint's signing secret encrypted, and can import
 * the payments of the last days.
 */
export const ConnectionsSection = () => {
  const connections = useConnections()
  return (
    <Container className="divide-y p-0" data-testid="ra-connections-section">
      <div className="px-6 py-4">
        <Heading level="h2">Connect a payment provider</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Paste an API key: the plugin checks it, registers its own webhook endpoint with the events it needs, and can
          import the payments and refunds of past days, so the report shows revenue from day one. The key and the
          endpoint's signing secret are stored encrypted and never shown again. Disconnecting removes the endpoint.
        </Text>
      </div>
      {connections.isLoading && <LoadingState label="Loading the connections…" testId="ra-connections-loading" />}
      {connections.isError && (
        <ErrorState
          testId="ra-connections-error"
          title="The connections could not be loaded."
          message={errorMessage(connections.error)}
          onRetry={() => void connections.refetch()}
          isRetrying={connections.isFetching}
        />
      )}
      {connections.data && !connections.data.encryption_configured && (
        <div className="px-6 py-4">
          <EncryptionNotice />
        </div>
      )}
      {connections.data?.connections.map((connection) => (
        <ProviderConnection
          key={connection.provider}
          connection={connection}
          encryptionConfigured={connections.data.encryption_configured}
        />
      ))}
    </Container>
  )
}
