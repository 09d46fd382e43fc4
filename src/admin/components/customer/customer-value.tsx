import { Text } from "@medusajs/ui"
import { formatCount, formatMoney, formatRate } from "../../lib/format"
import type { CustomerResponse } from "../../lib/customers-types"

/**
 * The customer's acquisition channel (first touch of their first payment), lifetime value to
 * date in one currency, and the average of the customers acquired through the same channel.
 */
export const CustomerValue = ({ data }: { data: CustomerResponse }) => {
  const { acquisition, lifetime, channel_average: average, currency } = data
  if (!acquisition || !lifetime || !currency) {
    return null
  }
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="ra-customer-value">
      <div className="flex flex-col gap-y-0.5">
        <Text size="xsmall" className="text-ui-fg-muted">
          Acquired through
        </Text>
        <Text size="large" weight="plus" data-testid="ra-customer-acquisition-channel">
          {acquisition.channel}
        </Text>
        <Text size="xsmall" className="text-ui-fg-subtle">
          First payment {new Date(acquisition.first_payment_at).toLocaleDateString()} (first touch of that payment)
        </Text>
      </div>
      <div className="flex flex-col gap-y-0.5">
        <Text size="xsmall" className="text-ui-fg-muted">
          Lifetime value to date ({currency})
        </Text>
        <Text size="large" weight="plus" data-testid="ra-customer-ltv">
          {formatMoney(lifetime.net_revenue, currency)}
        </Text>
        <Text size="xsmall" className="text-ui-fg-subtle" data-testid="ra-customer-ltv-payments">
          {formatCount(lifetime.payments)} {lifetime.payments === 1 ? "payment" : "payments"} ·{" "}
          {lifetime.repeat ? "returning customer" : "one-time customer so far"}
        </Text>
        {average && (
          <Text size="xsmall" className="text-ui-fg-subtle" data-testid="ra-customer-channel-ltv">
            {acquisition.channel} customers average {formatMoney(average.ltv, currency)} ({formatCount(average.customers)}{" "}
            {average.customers === 1 ? "customer" : "customers"}, {formatRate(average.repeat_rate)} paid again)
          </Text>
        )}
      </div>
    </div>
  )
}
