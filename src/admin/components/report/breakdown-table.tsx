import { ArrowDownTray, ChevronUpDown, TriangleDownMini, TriangleUpMini } from "@medusajs/icons"
import { Button, clx, Heading, Table, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { formatFigure, formatMoney } from "../../lib/format"
import { FIGURE_LABELS, GROUP_BY_LABELS } from "../../lib/labels"
import { GROUP_BY_DIMENSIONS } from "../../lib/types"
import type { FigureField, GroupBy, RevenueResponse, RevenueRow } from "../../lib/types"
import { LabeledSelect } from "../common/labeled-select"

export const TABLE_FIELDS: FigureField[] = [
  "revenue",
  "refunded",
  "net_revenue",
  "payments",
  "visitors",
  "conversion_rate",
  "revenue_per_visitor",
  "average_order_value",
]

type SortField = "key" | FigureField
type Sort = { field: SortField; direction: "asc" | "desc" } | null

const compareRows = (field: SortField) => (a: RevenueRow, b: RevenueRow) =>
  field === "key" ? a.key.localeCompare(b.key) : a[field] - b[field]

type Props = {
  data: RevenueResponse | undefined
  isLoading: boolean
  dimension: GroupBy
  onDimensionChange: (dimension: GroupBy) => void
  exportHref: string
}

/** Revenue by channel, source, campaign, ...: click a column header to sort by it. */
export const BreakdownTable = ({ data, isLoading, dimension, onDimensionChange, exportHref }: Props) => {
  const [sort, setSort] = useState<Sort>(null)
  const currency = data?.currency ?? ""
  const hasSpend = !!data && [...data.rows, data.totals].some((r) => r.spend !== undefined && r.spend !== null)

  const rows = useMemo(() => {
    const list = [...(data?.rows ?? [])]
    if (sort) {
      const compare = compareRows(sort.field)
      list.sort((a, b) => (sort.direction === "asc" ? compare(a, b) : compare(b, a)))
    }
    return list
  }, [data, sort])

  const onSort = (field: SortField) =>
    setSort((current) =>
      current?.field === field
        ? { field, direction: current.direction === "asc" ? "desc" : "asc" }
        : { field, direction: field === "key" ? "asc" : "desc" }
    )

  const header = (field: SortField, label: string, alignRight: boolean) => {
    const active = sort?.field === field
    return (
      <Table.HeaderCell
        key={field}
        aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
        className={clx(alignRight && "text-right")}
      >
        <button
          type="button"
          data-testid={`ra-sort-${field}`}
          onClick={() => onSort(field)}
          className={clx(
            "txt-compact-small-plus inline-flex items-center gap-x-1 hover:text-ui-fg-base",
            active ? "text-ui-fg-base" : "text-ui-fg-subtle",
            alignRight && "flex-row-reverse"
          )}
        >
          {label}
          {active ? sort.direction === "asc" ? <TriangleUpMini /> : <TriangleDownMini /> : <ChevronUpDown />}
        </button>
      </Table.HeaderCell>
    )
  }

  return (
    <div className="flex flex-col">
      <div className="flex flex-wrap items-end justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h2">Breakdown</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Credited revenue by {GROUP_BY_LABELS[dimension].toLowerCase()}
            {currency ? ` in ${currency}` : ""}. Visitors are those whose sessions started in the range.
          </Text>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <LabeledSelect
            label="Group by"
            testId="ra-dimension-select"
            value={dimension}
            options={GROUP_BY_DIMENSIONS.map((d) => ({ value: d, label: GROUP_BY_LABELS[d] }))}
            onChange={(value) => {
              setSort(null)
              onDimensionChange(value as GroupBy)
            }}
          />
          <Button size="small" variant="secondary" asChild>
            <a href={exportHref} download data-testid="ra-export-csv">
              <ArrowDownTray />
              Download CSV
            </a>
          </Button>
        </div>
      </div>
      <div className="overflow-x-auto">
        <Table data-testid="ra-breakdown-table">
          <Table.Header>
            <Table.Row>
              {header("key", GROUP_BY_LABELS[dimension], false)}
              {TABLE_FIELDS.map((field) => header(field, FIGURE_LABELS[field], true))}
              {hasSpend && (
                <>
                  <Table.HeaderCell className="text-right">Spend</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">ROAS</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">CAC</Table.HeaderCell>
                </>
              )}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.key} data-testid="ra-breakdown-row" data-key={row.key}>
                <Table.Cell data-testid="ra-cell-key" className="max-w-xs truncate" title={row.key}>
                  {row.key}
                </Table.Cell>
                {TABLE_FIELDS.map((field) => (
                  <Table.Cell key={field} data-testid={`ra-cell-${field}`} className="text-right tabular-nums">
                    {formatFigure(field, row[field], currency)}
                  </Table.Cell>
                ))}
                {hasSpend && <SpendCells row={row} currency={currency} prefix="ra-cell" />}
              </Table.Row>
            ))}
          </Table.Body>
          {data && rows.length > 0 && (
            <tfoot>
              <Table.Row data-testid="ra-breakdown-total" className="font-medium">
                <Table.Cell>Total</Table.Cell>
                {TABLE_FIELDS.map((field) => (
                  <Table.Cell key={field} data-testid={`ra-total-${field}`} className="text-right tabular-nums">
                    {formatFigure(field, data.totals[field], currency)}
                  </Table.Cell>
                ))}
                {hasSpend && <SpendCells row={data.totals} currency={currency} prefix="ra-total" />}
              </Table.Row>
            </tfoot>
          )}
        </Table>
      </div>
      {isLoading && !data && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Loading the breakdown…
        </Text>
      )}
      {data && rows.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4" data-testid="ra-breakdown-empty">
          No visitors or revenue in this period.
        </Text>
      )}
      {data && rows.length > 0 && (
        <Text size="xsmall" className="text-ui-fg-muted px-6 py-3">
          Under multi-touch models a payment counts in every row that got a share of it; the total counts it once.
        </Text>
      )}
    </div>
  )
}

type SpendCellsProps = { row: RevenueResponse["totals"]; currency: string; prefix: string }

const SpendCells = ({ row, currency, prefix }: SpendCellsProps) => (
  <>
    <Table.Cell className="text-right tabular-nums" data-testid={`${prefix}-spend`}>
      {row.spend === null || row.spend === undefined ? "—" : formatMoney(row.spend, currency)}
    </Table.Cell>
    <Table.Cell className="text-right tabular-nums" data-testid={`${prefix}-roas`}>
      {row.roas === null || row.roas === undefined ? "—" : `${row.roas.toFixed(2)}×`}
    </Table.Cell>
    <Table.Cell className="text-right tabular-nums" data-testid={`${prefix}-cac`}>
      {row.cac === null || row.cac === undefined ? "—" : formatMoney(row.cac, currency)}
    </Table.Cell>
  </>
)
