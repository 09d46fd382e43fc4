import { TriangleDownMini, TriangleRightMini } from "@medusajs/icons"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { Fragment, useState } from "react"
import { errorMessage } from "../../hooks/use-attribution"
import { useCodes } from "../../hooks/use-codes"
import { formatCount, formatMoney } from "../../lib/format"
import { GROUP_BY_LABELS, MODEL_LABELS, labelOf } from "../../lib/labels"
import { GROUP_BY_DIMENSIONS, type GroupBy } from "../../lib/types"
import type { CodeFigures, CodeRow, CodesResponse } from "../../lib/codes-types"
import { LabeledSelect } from "../common/labeled-select"
import { EmptyLine, ErrorState, LoadingState } from "../common/states"
import type { ReportScope } from "../report/report-scope"

const MONEY_FIELDS = ["revenue", "refunded", "net_revenue"] as const

/** Revenue by discount code, each code expandable into its credits by channel (or another dimension). */
export const CodesSection = ({ scope }: { scope: ReportScope }) => {
  const [splitBy, setSplitBy] = useState<GroupBy>("channel")
  const enabled = !!scope.currency
  const codes = useCodes(
    {
      from: scope.from,
      to: scope.to,
      model: scope.model,
      currency: scope.currency || undefined,
      include_test: scope.includeTest,
      timezone: scope.timezone,
      split_by: splitBy,
    },
    enabled
  )

  return (
    <Container className="divide-y p-0" data-testid="ra-codes-section">
      <div className="flex flex-wrap items-end justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h2">Discount codes</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Revenue of the orders that used each promotion code{scope.currency ? `, in ${scope.currency}` : ""}. Open a code
            to see which {GROUP_BY_LABELS[splitBy].toLowerCase()} its orders are credited to (
            {labelOf(MODEL_LABELS, scope.model).toLowerCase()}). Map a code to a channel in Settings → Attribution.
          </Text>
        </div>
        <LabeledSelect
          label="Split by"
          testId="ra-codes-split-select"
          value={splitBy}
          options={GROUP_BY_DIMENSIONS.map((d) => ({ value: d, label: GROUP_BY_LABELS[d] }))}
          onChange={(value) => setSplitBy(value as GroupBy)}
        />
      </div>
      {codes.isError && (
        <ErrorState
          testId="ra-codes-error"
          title="The discount code report could not be loaded."
          message={errorMessage(codes.error)}
          onRetry={() => void codes.refetch()}
          isRetrying={codes.isFetching}
        />
      )}
      {enabled && codes.isLoading && <LoadingState label="Loading the discount codes…" testId="ra-codes-loading" />}
      {codes.data && <CodesTable data={codes.data} splitBy={splitBy} />}
    </Container>
  )
}

const MoneyCells = ({ row, currency, prefix }: { row: CodeFigures; currency: string; prefix: string }) => (
  <>
    {MONEY_FIELDS.map((field) => (
      <Table.Cell key={field} className="text-right tabular-nums" data-testid={`${prefix}-${field}`}>
        {formatMoney(row[field], currency)}
      </Table.Cell>
    ))}
  </>
)

const CodesTable = ({ data, splitBy }: { data: CodesResponse; splitBy: GroupBy }) => {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const currency = data.currency
  if (!data.rows.length) {
    return <EmptyLine testId="ra-codes-empty">No order used a promotion code in this period.</EmptyLine>
  }
  const toggle = (code: string) =>
    setOpen((current) => {
      const next = new Set(current)
      if (next.has(code)) next.delete(code)
      else next.add(code)
      return next
    })

  return (
    <div className="flex flex-col">
      <div className="overflow-x-auto">
        <Table data-testid="ra-codes-table">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Code</Table.HeaderCell>
              <Table.HeaderCell>Mapped to</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Revenue</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Refunded</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Net revenue</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Avg. order value</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.rows.map((row) => (
              <Fragment key={row.code}>
                <CodeTableRow row={row} currency={currency} isOpen={open.has(row.code)} onToggle={() => toggle(row.code)} />
                {open.has(row.code) &&
                  (row.split ?? []).map((s) => (
                    <Table.Row key={`${row.code}|${s.key}`} data-testid="ra-codes-split-row" data-code={row.code} data-key={s.key}>
                      <Table.Cell />
                      <Table.Cell className="text-ui-fg-subtle max-w-xs truncate" title={s.key} data-testid="ra-codes-split-key">
                        {GROUP_BY_LABELS[splitBy]}: {s.key}
                      </Table.Cell>
                      <MoneyCells row={s} currency={currency} prefix="ra-codes-split" />
                      <Table.Cell className="text-right tabular-nums" data-testid="ra-codes-split-payments">
                        {formatCount(s.payments)}
                      </Table.Cell>
                      <Table.Cell />
                    </Table.Row>
                  ))}
              </Fragment>
            ))}
          </Table.Body>
          <tfoot>
            <Table.Row data-testid="ra-codes-total" className="font-medium">
              <Table.Cell>All orders with a code</Table.Cell>
              <Table.Cell />
              <MoneyCells row={data.totals} currency={currency} prefix="ra-codes-total" />
              <Table.Cell className="text-right tabular-nums" data-testid="ra-codes-total-orders">
                {formatCount(data.totals.payments)}
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums" data-testid="ra-codes-total-average_order_value">
                {formatMoney(data.totals.average_order_value, currency)}
              </Table.Cell>
            </Table.Row>
          </tfoot>
        </Table>
      </div>
      <Text size="xsmall" className="text-ui-fg-muted px-6 py-3">
        An order that used two codes counts under each of them; the total counts it once. Refunds are netted in proportion.
      </Text>
    </div>
  )
}

type RowProps = { row: CodeRow; currency: string; isOpen: boolean; onToggle: () => void }

const CodeTableRow = ({ row, currency, isOpen, onToggle }: RowProps) => (
  <Table.Row data-testid="ra-codes-row" data-code={row.code}>
    <Table.Cell>
      <button
        type="button"
        onClick={onToggle}
        aria-expanded={isOpen}
        data-testid="ra-codes-toggle"
        className="txt-compact-small-plus inline-flex items-center gap-x-1"
      >
        {isOpen ? <TriangleDownMini /> : <TriangleRightMini />}
        <code data-testid="ra-codes-code">{row.code}</code>
      </button>
    </Table.Cell>
    <Table.Cell data-testid="ra-codes-mapping">
      {row.mapping ? (
        <span className="inline-flex items-center gap-x-1">
          <Badge size="2xsmall">{row.mapping.channel}</Badge>
          {row.mapping.source && <span className="text-ui-fg-subtle">{row.mapping.source}</span>}
        </span>
      ) : (
        <span className="text-ui-fg-muted">—</span>
      )}
    </Table.Cell>
    <MoneyCells row={row} currency={currency} prefix="ra-codes-cell" />
    <Table.Cell className="text-right tabular-nums" data-testid="ra-codes-cell-orders">
      {formatCount(row.payments)}
    </Table.Cell>
    <Table.Cell className="text-right tabular-nums" data-testid="ra-codes-cell-average_order_value">
      {formatMoney(row.average_order_value, currency)}
    </Table.Cell>
  </Table.Row>
)
