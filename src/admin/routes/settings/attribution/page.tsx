import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { ConnectionCheck } from "../../../components/settings/connection-check"
import { CodeMappingsSection } from "../../../components/settings/code-mappings-section"
import { ConnectionsSection } from "../../../components/settings/connections-section"
import { EraseSection } from "../../../components/settings/erase-section"
import { PaymentApiSection } from "../../../components/settings/payment-api-section"
import { ScriptTagSection } from "../../../components/settings/script-tag-section"
import { WebhooksSection } from "../../../components/settings/webhooks-section"
import { useAttributionStatus } from "../../../hooks/use-attribution"

const AttributionSettingsPage = () => {
  const status = useAttributionStatus()
  return (
    <div className="flex flex-col gap-y-3" data-testid="ra-settings-page">
      <Container className="px-6 py-4">
        <Heading level="h1">Attribution</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Connect your storefront and payment providers to the revenue attribution plugin. The report is under{" "}
          <Link to="/attribution" className="text-ui-fg-interactive hover:underline">
            Attribution
          </Link>{" "}
          in the sidebar.
        </Text>
      </Container>
      <ScriptTagSection />
      <ConnectionsSection />
      <WebhooksSection status={status.data?.status} isLoading={status.isLoading} isError={status.isError} />
      <PaymentApiSection />
      <CodeMappingsSection />
      <ConnectionCheck />
      <EraseSection />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Attribution",
})

export default AttributionSettingsPage
