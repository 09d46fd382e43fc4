import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useRef } from "react"
import { useRevenue } from "../../hooks/use-attribution"
import { SpendUploadError, useUploadSpend } from "../../hooks/use-spend"
import { formatCount, formatMoney } from "../../lib/format"
import { FORMAT_LABELS, type RevenueWithSpend } from "../../lib/spend-types"
import type { ReportScope } from "../report/report-scope"

const TEMPLATE =
  "date,campaign,source,medium,channel,amount,currency\n2026-11-21,black-friday,google,cpc,Paid Search,153.22,USD\n"
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`

const none = (value: number | null | undefined) => value === null || value === undefined

/** Ad spend: upload an ad platform's export, and what the range's spend bought (ROAS, CAC). */
export const SpendSection = ({ scope }: { scope: ReportScope }) => {
  const input = useRef<HTMLInputElement>(null)
  const upload = useUploadSpend()
  // The breakdown's query by channel: shared with the table when it shows channels.
  const report = useRevenue(
    { from: scope.from, to: scope.to, model: scope.model, currency: scope.currency, include_test: scope.includeTest, group_by: "channel" },
    !!scope.currency
  )
  const data = report.data as RevenueWithSpend | undefined
  const totals = data?.totals
  const currency = data?.currency ?? scope.currency
  const money = (value: number | null | undefined) => (none(value) ? "—" : formatMoney(value as number, currency))

  const onFile = (file: File | undefined) => {
    if (file) {
      upload.mutate(file)
    }
    if (input.current) {
      input.current.value = "" // the same file again triggers another import
    }
  }

  const rejection = upload.error instanceof SpendUploadError ? upload.error.body : null

  return (
    <Container className="divide-y p-0" data-testid="ra-spend-section">
      <div className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h2">Ad spend</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Upload a Google Ads campaign report by day, a Meta Ads Manager export by day, or the{" "}
            <a href={TEMPLATE_HREF} download="spend-template.csv" className="text-ui-fg-interactive hover:underline">
              template
            </a>
            . The same day and campaign imported again replaces what was stored.
          </Text>
        </div>
        <label className="txt-compact-small-plus bg-ui-button-neutral shadow-buttons-neutral hover:bg-ui-button-neutral-hover cursor-pointer rounded-md px-3 py-1.5">
          {upload.isPending ? "Importing…" : "Upload CSV"}
          <input
            ref={input}
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            className="sr-only"
            data-testid="ra-spend-file"
            disabled={upload.isPending}
            onChange={(e) => onFile(e.target.files?.[0])}
          />
        </label>
      </div>

      {upload.isSuccess && (
        <div className="px-6 py-3" data-testid="ra-spend-result" data-format={upload.data.format}>
          <Text size="small">
            Imported <span data-testid="ra-spend-stored">{formatCount(upload.data.stored)}</span>{" "}
            {upload.data.stored === 1 ? "row" : "rows"} from a{" "}
            <span data-testid="ra-spend-format">{FORMAT_LABELS[upload.data.format]}</span>: {formatCount(upload.data.created)}{" "}
            new, {formatCount(upload.data.replaced)} replaced
            {upload.data.skipped
              ? `, ${formatCount(upload.data.skipped)} total ${upload.data.skipped === 1 ? "line" : "lines"} passed over`
              : ""}
            .
          </Text>
        </div>
      )}

      {upload.isError && (
        <div className="flex flex-col gap-y-2 px-6 py-3" role="alert" data-testid="ra-spend-error">
          <Text size="small" weight="plus" className="text-ui-fg-error" data-testid="ra-spend-error-message">
            {/nothing was imported/i.test(upload.error.message)
              ? upload.error.message
              : `Nothing was imported: ${upload.error.message}`}
          </Text>
          {rejection?.rejected && rejection.rejected.length > 0 && (
            <div className="max-h-64 overflow-y-auto">
              <Table data-testid="ra-spend-rejected">
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Line</Table.HeaderCell>
                    <Table.HeaderCell>Reason</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {rejection.rejected.map((r) => (
                    <Table.Row key={`${r.line}-${r.reason}`} data-testid="ra-spend-rejected-row" data-line={r.line}>
                      <Table.Cell className="tabular-nums">{r.line}</Table.Cell>
                      <Table.Cell>{r.reason}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
              {(rejection.rejected_count ?? 0) > rejection.rejected.length && (
                <Text size="xsmall" className="text-ui-fg-muted">
                  The first {formatCount(rejection.rejected.length)} of {formatCount(rejection.rejected_count ?? 0)}{" "}
                  rejected lines.
                </Text>
              )}
            </div>
          )}
        </div>
      )}

      <div className="flex flex-col gap-y-2 px-6 py-4">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="ra-spend-cards">
          <SpendCard label="Spend" testId="ra-spend-total" value={money(totals?.spend)} />
          <SpendCard
            label="ROAS (net revenue ÷ spend)"
            testId="ra-spend-roas"
            value={none(totals?.roas) ? "—" : `${(totals?.roas as number).toFixed(2)}×`}
          />
          <SpendCard label="CAC (spend ÷ new customers)" testId="ra-spend-cac" value={money(totals?.cac)} />
          <SpendCard label="Cost per visitor" testId="ra-spend-cpv" value={money(totals?.cost_per_visitor)} />
        </div>
        {data?.spend_other_currencies && data.spend_other_currencies.length > 0 && (
          <Text size="small" className="text-ui-fg-subtle" data-testid="ra-spend-other">
            Also spent in this range, not added in (other currencies):{" "}
            {data.spend_other_currencies.map((o) => formatMoney(o.amount, o.currency)).join(", ")}.
          </Text>
        )}
        {data && none(totals?.spend) && (
          <Text size="small" className="text-ui-fg-subtle" data-testid="ra-spend-empty">
            No ad spend in {currency} for this range yet: upload an export above.
          </Text>
        )}
      </div>
    </Container>
  )
}

const SpendCard = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <div className="bg-ui-bg-base shadow-elevation-card-rest flex flex-col gap-y-1 rounded-lg px-4 py-3" data-testid={testId}>
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="xlarge" weight="plus" data-testid={`${testId}-value`}>
      {value}
    </Text>
  </div>
)
