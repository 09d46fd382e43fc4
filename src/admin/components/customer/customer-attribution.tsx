import { Container, Heading, Text } from "@medusajs/ui"
import { errorMessage, useJourney } from "../../hooks/use-attribution"
import { useCustomerValue } from "../../hooks/use-customers"
import { formatCount, formatDateTime, formatMoney } from "../../lib/format"
import type { CustomerResponse } from "../../lib/customers-types"
import type { JourneyResponse } from "../../lib/types"
import { ErrorState, LoadingState } from "../common/states"
import { CustomerValue } from "./customer-value"

const RECENT_PAYMENTS = 5

/** Customer page side widget: how the customer first came, and verified revenue to date. */
export const CustomerAttribution = ({ customerId }: { customerId: string }) => {
  const journey = useJourney({ customer_id: customerId })
  const value = useCustomerValue(customerId)
  return (
    <Container className="divide-y p-0" data-testid="ra-customer-widget">
      <div className="px-6 py-4">
        <Heading level="h2">Attribution</Heading>
      </div>
      {journey.isLoading && <LoadingState testId="ra-customer-loading" />}
      {journey.isError && (
        <ErrorState
          testId="ra-customer-error"
          title="Could not load this customer's attribution."
          message={errorMessage(journey.error)}
          onRetry={() => void journey.refetch()}
          isRetrying={journey.isFetching}
        />
      )}
      {journey.data && <CustomerJourney data={journey.data} value={value.data} />}
      {value.data && <CustomerValue data={value.data} />}
    </Container>
  )
}

const CustomerJourney = ({ data, value }: { data: JourneyResponse; value: CustomerResponse | undefined }) => {
  const status = new Map(value?.payments.map((p) => [p.id, p.customer_status]) ?? [])
  const first = data.first_touch
  const recent = [...data.payments]
    .sort((a, b) => b.occurred_at.localeCompare(a.occurred_at))
    .slice(0, RECENT_PAYMENTS)
  return (
    <>
      <div className="flex flex-col gap-y-0.5 px-6 py-4">
        <Text size="xsmall" className="text-ui-fg-muted">
          First touch
        </Text>
        {first ? (
          <>
            <Text size="large" weight="plus" data-testid="ra-customer-first-touch-channel">
              {first.channel}
            </Text>
            <Text size="small" className="text-ui-fg-subtle" data-testid="ra-customer-first-touch-source">
              {first.source ?? "(not set)"} / {first.medium ?? "(not set)"}
              {first.campaign ? ` · ${first.campaign}` : ""}
            </Text>
            <Text size="xsmall" className="text-ui-fg-muted">
              {formatDateTime(first.started_at)}
            </Text>
          </>
        ) : (
          <Text size="small" className="text-ui-fg-subtle" data-testid="ra-customer-no-first-touch">
            No storefront visit is known for this customer yet. Visits are tied to a customer through their payments
            (the visitor id at checkout) or an <code>identify(email)</code> call on the storefront.
          </Text>
        )}
      </div>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="xsmall" className="text-ui-fg-muted">
          Revenue to date
        </Text>
        {data.revenue_to_date.length === 0 ? (
          <Text size="small" className="text-ui-fg-subtle" data-testid="ra-customer-no-revenue">
            No verified payment yet.
          </Text>
        ) : (
          data.revenue_to_date.map((r) => (
            <div key={r.currency} className="flex flex-col" data-currency={r.currency}>
              <Text size="large" weight="plus" data-testid="ra-customer-revenue" data-currency={r.currency}>
                {formatMoney(r.revenue, r.currency)}
              </Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {formatCount(r.payments)} {r.payments === 1 ? "payment" : "payments"}
                {r.refunded > 0
                  ? ` · ${formatMoney(r.refunded, r.currency)} refunded · ${formatMoney(r.net_revenue, r.currency)} net`
                  : ""}
              </Text>
            </div>
          ))
        )}
      </div>
      {recent.length > 0 && (
        <div className="flex flex-col gap-y-2 px-6 py-4">
          <Text size="xsmall" className="text-ui-fg-muted">
            Latest payments, credited to
          </Text>
          <ul className="flex flex-col gap-y-1">
            {recent.map((p) => (
              <li key={p.id} className="flex items-center justify-between gap-x-2" data-testid="ra-customer-payment">
                <Text size="small">
                  {p.credited?.channel ?? "—"}
                  {status.get(p.id) && (
                    <span className="text-ui-fg-muted" data-testid="ra-customer-payment-status">
                      {" "}
                      · {status.get(p.id)}
                    </span>
                  )}
                </Text>
                <Text size="small" className="text-ui-fg-subtle tabular-nums">
                  {formatMoney(p.amount, p.currency_code)} · {new Date(p.occurred_at).toLocaleDateString()}
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}
