import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { errorMessage, usePublishableKey } from "../../hooks/use-attribution"
import { backendOrigin } from "../../lib/backend"
import { CodeSnippet } from "./code-snippet"

export const scriptTag = (origin: string, key: string) =>
  `<script src="${origin}/attribution/script.js" data-key="${key}" async></script>`

/** The storefront snippet with the store's publishable key filled in. */
export const ScriptTagSection = () => {
  const key = usePublishableKey()
  const token = key.data?.token
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4">
      <div>
        <Heading level="h2">Storefront script</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Add this tag to every page of your storefront, in the <code>&lt;head&gt;</code>. It records visits and
          their traffic source, and puts the visitor's ids in the cart's metadata so orders are linked to them.
        </Text>
      </div>
      {key.isLoading && (
        <Text size="small" className="text-ui-fg-subtle">
          Looking for a publishable API key…
        </Text>
      )}
      {key.isError && (
        <Text size="small" className="text-ui-fg-error">
          Could not list the publishable API keys: {errorMessage(key.error)}. The tag below needs one in data-key.
        </Text>
      )}
      {key.data === null && (
        <Text size="small" data-testid="ra-no-publishable-key">
          This store has no publishable API key that is not revoked. Create one in{" "}
          <Link to="/settings/publishable-api-keys" className="text-ui-fg-interactive hover:underline">
            Settings → Publishable API Keys
          </Link>{" "}
          (add your storefront's sales channel to it), then come back: the tag below will carry it instead of{" "}
          <code>pk_...</code>.
        </Text>
      )}
      {!key.isLoading && <CodeSnippet code={scriptTag(backendOrigin(), token ?? "pk_...")} testId="ra-script-tag" />}
      {key.data && (
        <Text size="xsmall" className="text-ui-fg-muted">
          Uses the publishable key “{key.data.title}”. Any publishable key of this store works.
        </Text>
      )}
      <Text size="xsmall" className="text-ui-fg-muted">
        Storefronts that create carts on the server (such as the Medusa Next.js starter) also pass{" "}
        <code>getAttributionCartMetadata(await cookies())</code> from{" "}
        <code>medusa-revenue-attribution/storefront/server</code> as the cart's metadata; the plugin's storefront
        README has the details, including the consent and Do Not Track options.
      </Text>
    </Container>
  )
}
