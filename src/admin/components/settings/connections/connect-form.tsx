import { Button, Checkbox, Label, Text } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../../../hooks/use-attribution"
import { useConnect } from "../../../hooks/use-connections"
import { backendOrigin } from "../../../lib/backend"
import type { ConnectableProvider } from "../../../lib/connections-types"
import { PROVIDER_LABELS } from "../../../lib/labels"
import { CONNECT_SETUP } from "./connect-setup"
import { ErrorLine } from "./error-line"
import { LabeledInput } from "./labeled-input"

type Props = {
  provider: ConnectableProvider
  /** False without an encryption key: the server would refuse (503), so the form is disabled. */
  enabled: boolean
}

/**
 * Connects a provider from an API key. The key lives in this form's state only until it is
 * sent; the server never answers it back (only a hint of its last characters).
 */
export const ConnectForm = ({ provider, enabled }: Props) => {
  const setup = CONNECT_SETUP[provider]
  const connect = useConnect(provider)
  const [apiKey, setApiKey] = useState("")
  const [storeId, setStoreId] = useState("")
  const [webhookUrl, setWebhookUrl] = useState(() => `${backendOrigin()}/attribution/webhooks/${provider}`)
  const [register, setRegister] = useState(true)
  const id = (field: string) => `ra-connect-${provider}-${field}`
  const complete = apiKey.trim() !== "" && webhookUrl.trim() !== "" && (!setup.storeId || storeId.trim() !== "")

  const submit = () =>
    connect.mutate(
      {
        api_key: apiKey.trim(),
        webhook_url: webhookUrl.trim(),
        register,
        ...(setup.storeId ? { store_id: storeId.trim() } : {}),
      },
      { onSuccess: () => setApiKey("") }
    )

  return (
    <form
      className="flex flex-col gap-y-3"
      data-testid={id("form")}
      onSubmit={(e) => {
        e.preventDefault()
        if (complete && enabled) submit()
      }}
    >
      <fieldset disabled={!enabled || connect.isPending} className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <LabeledInput
          testId={id("api-key")}
          label={provider === "stripe" ? "Restricted API key" : "API key"}
          hint={setup.keyWhere}
          type="password"
          autoComplete="off"
          placeholder={setup.keyPlaceholder}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
        />
        {setup.storeId && (
          <LabeledInput
            testId={id("store-id")}
            label="Store id"
            hint={setup.storeId.where}
            inputMode="numeric"
            value={storeId}
            onChange={(e) => setStoreId(e.target.value)}
          />
        )}
        <div className="md:col-span-2">
          <LabeledInput
            testId={id("webhook-url")}
            label="Webhook URL"
            hint={`${PROVIDER_LABELS[provider]} must reach this address from the internet: on localhost, use a public tunnel's address or leave registration off.`}
            type="url"
            value={webhookUrl}
            onChange={(e) => setWebhookUrl(e.target.value)}
          />
        </div>
        <div className="flex items-center gap-x-2 md:col-span-2">
          <Checkbox id={id("register")} data-testid={id("register")} checked={register} onCheckedChange={(v) => setRegister(v === true)} />
          <Label htmlFor={id("register")} size="small">
            Register the webhook for me
          </Label>
        </div>
      </fieldset>
      <div className="flex flex-col gap-y-1">
        <Text size="xsmall" className="text-ui-fg-muted">
          The key needs
        </Text>
        <ul className="txt-compact-xsmall text-ui-fg-subtle flex list-disc flex-col gap-y-0.5 pl-4" data-testid={id("permissions")}>
          {setup.permissions.map((p) => (
            <li key={p.name} className={p.forRegistration && !register ? "text-ui-fg-muted line-through" : undefined}>
              {p.name}
              {p.forRegistration ? " (to register the webhook)" : ""}
            </li>
          ))}
        </ul>
      </div>
      {connect.isError && (
        <ErrorLine testId={id("error")}>{errorMessage(connect.error)}</ErrorLine>
      )}
      <div>
        <Button type="submit" size="small" disabled={!enabled || !complete} isLoading={connect.isPending} data-testid={id("submit")}>
          Connect {PROVIDER_LABELS[provider]}
        </Button>
      </div>
    </form>
  )
}
