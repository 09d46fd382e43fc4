import { Heading, Table, Text } from "@medusajs/ui"
import { formatCount, formatMoney } from "../../lib/format"
import type { NewReturningFigures, NewReturningResponse } from "../../lib/customers-types"

const MONEY = ["new_revenue", "returning_revenue", "unknown_revenue"] as const
const COUNTS = ["new_customers", "returning_customers"] as const
const LABELS: Record<(typeof MONEY)[number] | (typeof COUNTS)[number], string> = {
  new_revenue: "New customers' revenue",
  returning_revenue: "Returning customers' revenue",
  unknown_revenue: "No customer",
  new_customers: "New customers",
  returning_customers: "Returning customers",
}

const Cells = ({ row, currency, prefix }: { row: NewReturningFigures; currency: string; prefix: string }) => (
  <>
    {MONEY.map((f) => (
      <Table.Cell key={f} data-testid={`${prefix}-${f}`} className="text-right tabular-nums">
        {formatMoney(row[f], currency)}
      </Table.Cell>
    ))}
    {COUNTS.map((f) => (
      <Table.Cell key={f} data-testid={`${prefix}-${f}`} className="text-right tabular-nums">
        {formatCount(row[f])}
      </Table.Cell>
    ))}
  </>
)

/** Revenue per channel from new customers' first payments, returning customers, and no customer. */
export const NewReturningTable = ({ data }: { data: NewReturningResponse }) => (
  <div className="flex flex-col">
    <div className="px-6 py-4">
      <Heading level="h3">New and returning customers by channel</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        A payment is new when it is its customer's first (by Medusa customer, else by email); payments with neither
        are "No customer". The three add up to the breakdown's revenue.
      </Text>
    </div>
    <div className="overflow-x-auto">
      <Table data-testid="ra-nvr-table">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Channel</Table.HeaderCell>
            {[...MONEY, ...COUNTS].map((f) => (
              <Table.HeaderCell key={f} className="text-right">
                {LABELS[f]}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data.rows.map((row) => (
            <Table.Row key={row.key} data-testid="ra-nvr-row" data-key={row.key}>
              <Table.Cell className="max-w-xs truncate" title={row.key}>
                {row.key}
              </Table.Cell>
              <Cells row={row} currency={data.currency} prefix="ra-nvr" />
            </Table.Row>
          ))}
        </Table.Body>
        {data.rows.length > 0 && (
          <tfoot>
            <Table.Row data-testid="ra-nvr-total" className="font-medium">
              <Table.Cell>Total</Table.Cell>
              <Cells row={data.totals} currency={data.currency} prefix="ra-nvr-total" />
            </Table.Row>
          </tfoot>
        )}
      </Table>
    </div>
    {data.rows.length === 0 && (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4" data-testid="ra-nvr-empty">
        No revenue in this period.
      </Text>
    )}
  </div>
)
