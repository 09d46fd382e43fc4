import { ArrowPath } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import type { ReactNode } from "react"
import { errorMessage, useAttributionStatus, useRecent } from "../../hooks/use-attribution"
import { formatCount, formatDateTime, formatMoney } from "../../lib/format"
import type { RecentDelivery } from "../../lib/types"
import { ErrorState } from "../common/states"

const outcomeColor = (outcome: string): "green" | "grey" | "red" | "blue" => {
  const o = outcome.toLowerCase()
  if (o.startsWith("process") || o === "stored" || o === "merged") {
    return "green"
  }
  if (o.startsWith("ignor") || o.startsWith("duplicate")) {
    return "grey"
  }
  if (o.startsWith("fail") || o.startsWith("error") || o.startsWith("reject") || o.startsWith("invalid")) {
    return "red"
  }
  return "blue"
}

/** What arrived last (events, payments, webhook deliveries), to check each connection works. */
export const ConnectionCheck = () => {
  const recent = useRecent()
  const status = useAttributionStatus()
  const s = status.data?.status

  const refresh = async () => {
    const [r] = await Promise.all([recent.refetch(), status.refetch()])
    if (r.isError) {
      toast.error("Could not refresh", { description: errorMessage(r.error) })
    } else {
      toast.success("Connection check refreshed")
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="ra-connection-check">
      <div className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h2">Connection check</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The latest storefront events, payments and webhook deliveries the plugin received. Visit your storefront
            or send a test webhook from the provider's dashboard, then refresh.
          </Text>
          {s && (
            <Text size="small" className="text-ui-fg-subtle" data-testid="ra-status-totals">
              In total: {formatCount(s.visitors)} visitors, {formatCount(s.sessions)} sessions,{" "}
              {formatCount(s.events)} events, {formatCount(s.payments)} payments. Last event{" "}
              {formatDateTime(s.last_event_at)}, last payment {formatDateTime(s.last_payment_at)}.
            </Text>
          )}
        </div>
        <Button
          size="small"
          variant="secondary"
          onClick={() => void refresh()}
          isLoading={recent.isFetching}
          data-testid="ra-recent-refresh"
        >
          <ArrowPath />
          Refresh
        </Button>
      </div>
      {recent.isError && (
        <ErrorState
          title="Could not load what arrived last."
          message={errorMessage(recent.error)}
          onRetry={() => void recent.refetch()}
          isRetrying={recent.isFetching}
        />
      )}
      <RecentTable
        title="Storefront events"
        testId="ra-recent-events"
        isLoading={!recent.data}
        pending={recent.isError ? "Not available (see the error above)." : "Loading…"}
        empty="No event yet: add the storefront script (above) and open your storefront."
        headers={["Time", "Type", "Page or name"]}
        rows={(recent.data?.events ?? []).map((e) => ({
          key: e.id,
          cells: [
            formatDateTime(e.occurred_at),
            <Badge key="type" size="2xsmall">
              {e.type}
            </Badge>,
            e.name ?? e.path ?? "—",
          ],
        }))}
      />
      <RecentTable
        title="Payments"
        testId="ra-recent-payments"
        isLoading={!recent.data}
        pending={recent.isError ? "Not available (see the error above)." : "Loading…"}
        empty="No payment yet: place an order in the store, or connect a provider's webhook (above)."
        headers={["Received", "Provider", "Amount", "Linked by"]}
        rows={(recent.data?.payments ?? []).map((p) => ({
          key: p.id,
          cells: [
            formatDateTime(p.recorded_at ?? p.occurred_at),
            p.is_test ? `${p.provider} (test)` : p.provider,
            formatMoney(p.amount, p.currency_code),
            <Badge key="link" size="2xsmall" color={p.link_method === "unlinked" ? "orange" : "green"}>
              {p.link_method}
            </Badge>,
          ],
        }))}
      />
      <RecentTable
        title="Webhook deliveries"
        testId="ra-recent-deliveries"
        isLoading={!recent.data}
        pending={recent.isError ? "Not available (see the error above)." : "Loading…"}
        empty="No webhook delivery yet. Deliveries rejected for a bad signature are not stored: if a provider shows failed deliveries and none appear here, check the secret."
        headers={["Time", "Provider", "Event", "Outcome"]}
        rows={(recent.data?.deliveries ?? []).map((d: RecentDelivery, i) => ({
          key: `${d.received_at}-${i}`,
          cells: [
            formatDateTime(d.received_at),
            d.provider,
            d.event_type ?? "—",
            <Badge key="outcome" size="2xsmall" color={outcomeColor(d.outcome)}>
              {d.outcome}
            </Badge>,
          ],
        }))}
      />
    </Container>
  )
}

type RecentTableProps = {
  title: string
  testId: string
  isLoading: boolean
  pending: string
  empty: string
  headers: string[]
  rows: { key: string; cells: ReactNode[] }[]
}

/** One list of the check; always rendered (with its test id), loading or not. */
const RecentTable = ({ title, testId, isLoading, pending, empty, headers, rows }: RecentTableProps) => (
  <div className="flex flex-col" data-testid={testId}>
    <Text size="small" weight="plus" className="px-6 pb-2 pt-4">
      {title}
    </Text>
    {isLoading ? (
      <Text size="small" className="text-ui-fg-subtle px-6 pb-4">
        {pending}
      </Text>
    ) : rows.length === 0 ? (
      <Text size="small" className="text-ui-fg-subtle px-6 pb-4" data-testid={`${testId}-empty`}>
        {empty}
      </Text>
    ) : (
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              {headers.map((h) => (
                <Table.HeaderCell key={h}>{h}</Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.key} data-testid={`${testId}-row`}>
                {row.cells.map((cell, i) => (
                  <Table.Cell key={i}>{cell}</Table.Cell>
                ))}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    )}
  </div>
)
