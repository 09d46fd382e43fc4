import { Heading, Table, Text } from "@medusajs/ui"
import { formatCount, formatMoney, formatRate } from "../../lib/format"
import type { LtvFigures, LtvResponse } from "../../lib/customers-types"

const Cells = ({ row, currency, prefix }: { row: LtvFigures; currency: string; prefix: string }) => (
  <>
    <Table.Cell data-testid={`${prefix}-customers`} className="text-right tabular-nums">
      {formatCount(row.customers)}
    </Table.Cell>
    <Table.Cell data-testid={`${prefix}-net_revenue`} className="text-right tabular-nums">
      {formatMoney(row.net_revenue, currency)}
    </Table.Cell>
    <Table.Cell data-testid={`${prefix}-ltv`} className="text-right tabular-nums">
      {formatMoney(row.ltv, currency)}
    </Table.Cell>
    <Table.Cell data-testid={`${prefix}-payments_per_customer`} className="text-right tabular-nums">
      {row.payments_per_customer.toFixed(2)}
    </Table.Cell>
    <Table.Cell data-testid={`${prefix}-repeat_rate`} className="text-right tabular-nums">
      {formatRate(row.repeat_rate)}
    </Table.Cell>
  </>
)

/** Lifetime value to date of the customers acquired in the period, by their first-touch channel. */
export const LtvTable = ({ data }: { data: LtvResponse }) => (
  <div className="flex flex-col">
    <div className="px-6 py-4">
      <Heading level="h3">Lifetime value by acquisition channel</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Customers whose first payment was in this period, by the first-touch channel of that payment: their net revenue
        to date in {data.currency}, per customer, and the share who paid again.
      </Text>
    </div>
    <div className="overflow-x-auto">
      <Table data-testid="ra-ltv-table">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Acquisition channel</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Customers</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Net revenue</Table.HeaderCell>
            <Table.HeaderCell className="text-right">LTV</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Payments per customer</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Repeat rate</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data.rows.map((row) => (
            <Table.Row key={row.key} data-testid="ra-ltv-row" data-key={row.key}>
              <Table.Cell>{row.key}</Table.Cell>
              <Cells row={row} currency={data.currency} prefix="ra-ltv" />
            </Table.Row>
          ))}
        </Table.Body>
        {data.rows.length > 0 && (
          <tfoot>
            <Table.Row data-testid="ra-ltv-total" className="font-medium">
              <Table.Cell>Total</Table.Cell>
              <Cells row={data.totals} currency={data.currency} prefix="ra-ltv-total" />
            </Table.Row>
          </tfoot>
        )}
      </Table>
    </div>
    {data.rows.length === 0 && (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4" data-testid="ra-ltv-empty">
        No new customer in this period.
      </Text>
    )}
  </div>
)
