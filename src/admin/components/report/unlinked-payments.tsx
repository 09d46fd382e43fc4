import { Badge, Button, Heading, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { usePayments } from "../../hooks/use-attribution"
import { formatCount, formatDateTime, formatMoney } from "../../lib/format"
import { PaymentStatusBadge } from "../common/payment-status-badge"

const PAGE_SIZE = 20

type Props = {
  from: string
  to: string
  includeTest: boolean
  currency: string
}

/** Payments of the range (this currency) linked to no visitor: credited to Unassigned. */
export const UnlinkedPayments = ({ from, to, includeTest, currency }: Props) => {
  const [offset, setOffset] = useState(0)
  const query = { from, to, include_test: includeTest, currency, linked: false, limit: PAGE_SIZE, offset }
  const { data, isLoading, isError } = usePayments(query, !!currency)
  const count = data?.count ?? 0

  return (
    <div className="flex flex-col">
      <div className="px-6 py-4">
        <Heading level="h2">Unlinked payments</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Payments in {currency || "this currency"} that no visitor could be found for; their revenue is credited to
          Unassigned. Pass the visitor id at checkout (the snippet puts it in the cart's metadata; Stripe Payment Links
          take <code>client_reference_id</code>, Lemon Squeezy <code>checkout[custom]</code>) or call{" "}
          <code>identify(email)</code> on the storefront so the email can match.
        </Text>
      </div>
      <div className="overflow-x-auto">
        <Table data-testid="ra-unlinked-payments">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Date</Table.HeaderCell>
              <Table.HeaderCell>Provider</Table.HeaderCell>
              <Table.HeaderCell>Payment</Table.HeaderCell>
              <Table.HeaderCell>Order</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Amount</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(data?.payments ?? []).map((p) => (
              <Table.Row key={p.id} data-testid="ra-unlinked-payment" data-id={p.id}>
                <Table.Cell>{formatDateTime(p.occurred_at)}</Table.Cell>
                <Table.Cell>
                  <div className="flex items-center gap-x-1">
                    {p.provider}
                    {p.is_test && (
                      <Badge size="2xsmall" color="orange">
                        test
                      </Badge>
                    )}
                  </div>
                </Table.Cell>
                <Table.Cell className="max-w-xs truncate" title={p.provider_payment_id}>
                  {p.provider_payment_id}
                </Table.Cell>
                <Table.Cell>{p.order_id ?? "—"}</Table.Cell>
                <Table.Cell>
                  <PaymentStatusBadge status={p.status} />
                </Table.Cell>
                <Table.Cell className="text-right tabular-nums">{formatMoney(p.amount, p.currency_code)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      {isLoading && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Loading…
        </Text>
      )}
      {isError && (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          Could not load the unlinked payments.
        </Text>
      )}
      {data && count === 0 && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4" data-testid="ra-unlinked-empty">
          None: every payment in this period is linked to a visitor.
        </Text>
      )}
      {data && count > PAGE_SIZE && (
        <div className="flex items-center justify-between px-6 py-3">
          <Text size="small" className="text-ui-fg-subtle">
            {formatCount(offset + 1)}–{formatCount(Math.min(offset + PAGE_SIZE, count))} of {formatCount(count)}
          </Text>
          <div className="flex gap-x-2">
            <Button
              size="small"
              variant="secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
            >
              Previous
            </Button>
            <Button
              size="small"
              variant="secondary"
              disabled={offset + PAGE_SIZE >= count}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              Next
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
