import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { backendOrigin } from "../../lib/backend"
import { CodeSnippet } from "./code-snippet"

const curlExample = (origin: string) => `curl -X POST ${origin}/attribution/v1/payments \\
  -H "Authorization: Bearer sk_..." \\
  -H "Content-Type: application/json" \\
  -d '{
    "provider": "custom-checkout",
    "providerPaymentId": "payment_1234",
    "amount": 99.99,
    "currency": "USD",
    "visitorId": "<the _ra_vid cookie or getVisitorId()>",
    "customerEmail": "customer@example.com"
  }'`

/** The server-to-server payment API for checkouts the plugin does not see. */
export const PaymentApiSection = () => (
  <Container className="flex flex-col gap-y-3 px-6 py-4">
    <div>
      <Heading level="h2">Payment API</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        For a custom checkout, another provider or a backfill, your server reports each payment to{" "}
        <code>POST /attribution/v1/payments</code> (refunds to <code>/attribution/v1/refunds</code>). The same{" "}
        <code>provider</code> and <code>providerPaymentId</code> again is the same payment, so retries are safe.
      </Text>
    </div>
    <CodeSnippet code={curlExample(backendOrigin())} testId="ra-payment-api-curl" />
    <Text size="small">
      It takes a Medusa <strong>secret</strong> API key: create one in{" "}
      <Link to="/settings/secret-api-keys" className="text-ui-fg-interactive hover:underline">
        Settings → Secret API Keys
      </Link>{" "}
      → Create, and copy the token when it is shown (only once). Keep it on your server, never in a browser; revoking it
      there stops it at once.
    </Text>
  </Container>
)
