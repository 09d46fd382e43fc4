import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar } from "@medusajs/icons"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { AttributionStatus } from "../../lib/types"

const formatTime = (value: string | null) => (value ? new Date(value).toLocaleString() : "never")

const AttributionPage = () => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["attribution", "status"],
    queryFn: () => sdk.client.fetch<{ status: AttributionStatus }>("/admin/attribution/status"),
  })

  return (
    <Container className="divide-y p-0" data-testid="revenue-attribution-status">
      <div className="px-6 py-4">
        <Heading level="h1">Revenue attribution</Heading>
        <Text className="text-ui-fg-subtle" size="small">
          What the plugin has received so far.
        </Text>
      </div>
      {isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {error && (
        <Text className="px-6 py-4 text-ui-fg-error">
          Could not load the attribution status: {(error as Error).message}
        </Text>
      )}
      {data && (
        <div className="flex flex-col gap-y-3 px-6 py-4">
          <Text>
            {data.status.visitors} visitors, {data.status.sessions} sessions, {data.status.events} events,{" "}
            {data.status.payments} payments.
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            Last event: {formatTime(data.status.last_event_at)}. Last payment: {formatTime(data.status.last_payment_at)}.
          </Text>
          {data.status.events === 0 && (
            <Text size="small">No events yet: add the storefront script to your storefront (see the README).</Text>
          )}
          <div className="flex flex-wrap gap-2">
            {Object.entries(data.status.providers).map(([provider, s]) => (
              <Badge key={provider} color={s.webhook_secret_configured ? "green" : "grey"}>
                {provider}: {s.webhook_secret_configured ? "webhook secret set" : "not configured"}
              </Badge>
            ))}
          </div>
        </div>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Attribution",
  icon: ChartBar,
})

export default AttributionPage
