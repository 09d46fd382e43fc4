import { InformationCircle } from "@medusajs/icons"
import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import { formatDateTime } from "../../lib/format"
import type { AttributionStatus, SummaryResponse } from "../../lib/types"

type Props = { summary: SummaryResponse; status: AttributionStatus | undefined }

/**
 * What to do next when the period has no storefront events or no payments. Renders nothing
 * when both are there.
 */
export const GettingStarted = ({ summary, status }: Props) => {
  const noEvents = summary.events === 0
  const noPayments = summary.currencies.length === 0 && summary.current.payments === 0
  if (!noEvents && !noPayments) {
    return null
  }
  const neverEvents = !status || status.events === 0
  const neverPayments = !status || status.payments === 0

  return (
    <div data-testid="ra-empty-state" className="flex flex-col gap-y-3 px-6 py-4">
      {noEvents && (
        <Notice testId="ra-empty-events">
          {neverEvents ? (
            <>
              <strong>No events yet: add the script to your storefront</strong> (
              <Link to="/settings/attribution" className="text-ui-fg-interactive hover:underline">
                Settings → Attribution
              </Link>{" "}
              shows the tag with your publishable key). Visitors, sessions and channels appear here once it sends its
              first pageview.
            </>
          ) : (
            <>
              <strong>No storefront events in this period.</strong> The last one arrived{" "}
              {formatDateTime(status.last_event_at)}. Pick a longer range, or check that the script is still on your
              storefront (
              <Link to="/settings/attribution" className="text-ui-fg-interactive hover:underline">
                Settings → Attribution
              </Link>{" "}
              lists what arrived last).
            </>
          )}
        </Notice>
      )}
      {noPayments && (
        <Notice testId="ra-empty-payments">
          {neverPayments ? (
            <strong>No payments yet.</strong>
          ) : (
            <>
              <strong>No payments in this period.</strong> The last one was recorded{" "}
              {formatDateTime(status.last_payment_at)}.
            </>
          )}{" "}
          Orders placed in Medusa are recorded by themselves. Payments made outside Medusa's checkout need a webhook:
          add the plugin's Stripe or Lemon Squeezy webhook URL in the provider's dashboard and its signing secret to the
          plugin options (
          <Link to="/settings/attribution" className="text-ui-fg-interactive hover:underline">
            Settings → Attribution
          </Link>{" "}
          shows the URLs and the events to select), or report them with the payment API.
        </Notice>
      )}
    </div>
  )
}

const Notice = ({ children, testId }: { children: ReactNode; testId: string }) => (
  <div data-testid={testId} className="bg-ui-bg-subtle flex items-start gap-x-2 rounded-lg px-4 py-3">
    <InformationCircle className="text-ui-fg-subtle mt-0.5 shrink-0" />
    <Text size="small">{children}</Text>
  </div>
)
