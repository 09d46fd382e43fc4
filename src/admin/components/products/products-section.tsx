import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../../hooks/use-attribution"
import { useProducts } from "../../hooks/use-products"
import { formatCount, formatMoney } from "../../lib/format"
import { GROUP_BY_LABELS, MODEL_LABELS } from "../../lib/labels"
import { PRODUCT_GROUPS, PRODUCT_SPLITS } from "../../lib/products-types"
import type { ProductGroup, ProductRow, ProductSplit, ProductsResponse } from "../../lib/products-types"
import { LabeledSelect } from "../common/labeled-select"
import { EmptyLine, ErrorState, LoadingState } from "../common/states"
import type { ReportScope } from "../report/report-scope"

const GROUP_LABELS: Record<ProductGroup, string> = {
  product: "Product",
  variant: "Variant",
  category: "Category",
  collection: "Collection",
}

/** Split columns shown side by side; the rest of the split values are added up in "Other". */
const MAX_SPLIT_COLUMNS = 6
const ROWS = 50

/**
 * Products by channel: revenue of the Medusa orders' lines by product, variant, category or
 * collection, each line's share of its payment's credit under the page's model, with a column
 * per channel (or source, medium, campaign).
 */
export const ProductsSection = ({ scope }: { scope: ReportScope }) => {
  const [groupBy, setGroupBy] = useState<ProductGroup>("product")
  const [splitBy, setSplitBy] = useState<ProductSplit>("channel")
  const products = useProducts(
    {
      from: scope.from,
      to: scope.to,
      model: scope.model,
      currency: scope.currency || undefined,
      include_test: scope.includeTest || undefined,
      timezone: scope.timezone,
      group_by: groupBy,
      split_by: splitBy,
      limit: ROWS,
    },
    !!scope.currency
  )

  return (
    <Container className="p-0" data-testid="ra-products-section">
      <div className="flex flex-wrap items-end justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h2">Products</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Revenue of the store's orders by {GROUP_LABELS[groupBy].toLowerCase()}, each line's share of its order's
            credit under {MODEL_LABELS[scope.model]}, by {GROUP_BY_LABELS[splitBy].toLowerCase()}.
          </Text>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <LabeledSelect
            label="Group by"
            testId="ra-products-group-select"
            value={groupBy}
            options={PRODUCT_GROUPS.map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
            onChange={(value) => setGroupBy(value as ProductGroup)}
          />
          <LabeledSelect
            label="Split by"
            testId="ra-products-split-select"
            value={splitBy}
            options={PRODUCT_SPLITS.map((s) => ({ value: s, label: GROUP_BY_LABELS[s] }))}
            onChange={(value) => setSplitBy(value as ProductSplit)}
          />
        </div>
      </div>
      {products.isLoading && <LoadingState testId="ra-products-loading" />}
      {products.isError && (
        <ErrorState
          testId="ra-products-error"
          title="Could not load revenue by product."
          message={errorMessage(products.error)}
          onRetry={() => void products.refetch()}
          isRetrying={products.isFetching}
        />
      )}
      {products.data && <ProductsTable data={products.data} groupBy={groupBy} />}
    </Container>
  )
}

const ProductsTable = ({ data, groupBy }: { data: ProductsResponse; groupBy: ProductGroup }) => {
  const currency = data.currency
  if (!data.rows.length) {
    return (
      <EmptyLine testId="ra-products-empty">
        No order lines in this range{currency ? ` in ${currency}` : ""}. Only Medusa orders have lines: payments from
        webhooks or the payment API are not in this view.
      </EmptyLine>
    )
  }
  const keys = data.split_keys ?? []
  const columns = keys.length > MAX_SPLIT_COLUMNS ? keys.slice(0, MAX_SPLIT_COLUMNS - 1) : keys
  const hasOther = columns.length < keys.length
  const money = (n: number) => formatMoney(n, currency)
  // Added in thousandths (no currency has more decimals), not as floats.
  const other = (row: { split?: { key: string; revenue: number }[] }) =>
    (row.split ?? []).filter((c) => !columns.includes(c.key)).reduce((sum, c) => sum + Math.round(c.revenue * 1000), 0) / 1000
  const cell = (row: { split?: { key: string; revenue: number }[] }, key: string) =>
    row.split?.find((c) => c.key === key)?.revenue ?? 0

  return (
    <>
      <div className="overflow-x-auto">
        <Table data-testid="ra-products-table">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{GROUP_LABELS[groupBy]}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Units</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Revenue</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Net revenue</Table.HeaderCell>
              {columns.map((key) => (
                <Table.HeaderCell key={key} className="text-right" data-testid="ra-products-split-header" data-key={key}>
                  {key}
                </Table.HeaderCell>
              ))}
              {hasOther && <Table.HeaderCell className="text-right">Other</Table.HeaderCell>}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.rows.map((row: ProductRow) => (
              <Table.Row key={row.key} data-testid="ra-products-row" data-key={row.key}>
                <Table.Cell data-testid="ra-products-cell-label">
                  <div className="flex flex-col">
                    <span>{row.label ?? row.key}</span>
                    {row.sku && <span className="txt-compact-xsmall text-ui-fg-muted">{row.sku}</span>}
                  </div>
                </Table.Cell>
                <Table.Cell className="text-right" data-testid="ra-products-cell-quantity">
                  {formatCount(row.quantity)}
                </Table.Cell>
                <Table.Cell className="text-right" data-testid="ra-products-cell-orders">
                  {formatCount(row.orders)}
                </Table.Cell>
                <Table.Cell className="text-right" data-testid="ra-products-cell-revenue">
                  {money(row.revenue)}
                </Table.Cell>
                <Table.Cell className="text-right" data-testid="ra-products-cell-net_revenue">
                  {money(row.net_revenue)}
                </Table.Cell>
                {columns.map((key) => (
                  <Table.Cell key={key} className="text-right" data-testid="ra-products-cell-split" data-key={key}>
                    {money(cell(row, key))}
                  </Table.Cell>
                ))}
                {hasOther && <Table.Cell className="text-right">{money(other(row))}</Table.Cell>}
              </Table.Row>
            ))}
            <Table.Row data-testid="ra-products-total-row">
              <Table.Cell className="txt-compact-small-plus">Total</Table.Cell>
              <Table.Cell className="text-right" data-testid="ra-products-total-quantity">
                {formatCount(data.totals.quantity)}
              </Table.Cell>
              <Table.Cell className="text-right">{formatCount(data.totals.orders)}</Table.Cell>
              <Table.Cell className="text-right" data-testid="ra-products-total-revenue">
                {money(data.totals.revenue)}
              </Table.Cell>
              <Table.Cell className="text-right">{money(data.totals.net_revenue)}</Table.Cell>
              {columns.map((key) => (
                <Table.Cell key={key} className="text-right" data-testid="ra-products-total-split" data-key={key}>
                  {money(cell(data.totals, key))}
                </Table.Cell>
              ))}
              {hasOther && <Table.Cell className="text-right">{money(other(data.totals))}</Table.Cell>}
            </Table.Row>
          </Table.Body>
        </Table>
      </div>
      <div className="flex flex-col gap-y-1 px-6 py-4">
        {data.row_count > data.rows.length && (
          <Text size="xsmall" className="text-ui-fg-muted">
            The {formatCount(data.rows.length)} {GROUP_LABELS[groupBy].toLowerCase()} rows with the most revenue of{" "}
            {formatCount(data.row_count)}; the total covers them all.
          </Text>
        )}
        {groupBy === "category" && (
          <Text size="xsmall" className="text-ui-fg-muted">
            A product in several categories counts in each of them; the total counts it once.
          </Text>
        )}
        {data.without_line_items.payments > 0 && (
          <Text size="xsmall" className="text-ui-fg-muted" data-testid="ra-products-without-lines">
            Not in this view: {money(data.without_line_items.revenue)} from {formatCount(data.without_line_items.payments)}{" "}
            payments without stored order lines (webhooks, the payment API, orders recorded before this view existed).
          </Text>
        )}
      </div>
    </>
  )
}
