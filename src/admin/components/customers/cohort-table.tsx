import { Heading, Table, Text } from "@medusajs/ui"
import { formatCount, formatMoney, formatRate } from "../../lib/format"
import { COHORT_DAYS, type CohortsResponse } from "../../lib/customers-types"
import { LabeledSelect } from "../common/labeled-select"

export const ALL_CHANNELS = "all"

/** `2026-11` → `Nov 2026`, read as a calendar month (never shifted by a time zone). */
const monthLabel = (month: string) => {
  const [y, m] = month.split("-").map(Number)
  return new Date(y, m - 1, 1).toLocaleDateString(undefined, { month: "short", year: "numeric" })
}

type Props = {
  data: CohortsResponse | undefined
  channel: string
  channels: string[]
  onChannelChange: (channel: string) => void
}

/**
 * Monthly cohorts: net revenue per customer 30, 90, 180 and 365 days after each one's first
 * payment. "—" where the cohort has not had that many days yet (a value would look low).
 */
export const CohortTable = ({ data, channel, channels, onChannelChange }: Props) => (
  <div className="flex flex-col">
    <div className="flex flex-wrap items-end justify-between gap-3 px-6 py-4">
      <div>
        <Heading level="h3">Monthly cohorts</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Customers by the month of their first payment (last 12 months): net revenue per customer within 30, 90, 180 and
          365 days of it. "—" until every customer of the month has had that long.
        </Text>
      </div>
      <LabeledSelect
        label="Acquisition channel"
        testId="ra-cohort-channel"
        value={channel}
        options={[{ value: ALL_CHANNELS, label: "All channels" }, ...channels.map((c) => ({ value: c, label: c }))]}
        onChange={onChannelChange}
      />
    </div>
    <div className="overflow-x-auto">
      <Table data-testid="ra-cohort-table">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>First payment in</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Customers</Table.HeaderCell>
            {COHORT_DAYS.map((d) => (
              <Table.HeaderCell key={d} className="text-right">
                {d} days
              </Table.HeaderCell>
            ))}
            <Table.HeaderCell className="text-right">To date</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Repeat rate</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(data?.rows ?? []).map((row) => (
            <Table.Row key={row.key} data-testid="ra-cohort-row" data-key={row.key}>
              <Table.Cell>{monthLabel(row.key)}</Table.Cell>
              <Table.Cell data-testid="ra-cohort-customers" className="text-right tabular-nums">
                {formatCount(row.customers)}
              </Table.Cell>
              {COHORT_DAYS.map((d) => {
                const value = row[`ltv_${d}`]
                return (
                  <Table.Cell key={d} data-testid={`ra-cohort-ltv_${d}`} className="text-right tabular-nums">
                    {value === null || !data ? "—" : formatMoney(value, data.currency)}
                  </Table.Cell>
                )
              })}
              <Table.Cell data-testid="ra-cohort-ltv" className="text-right tabular-nums">
                {data ? formatMoney(row.ltv, data.currency) : ""}
              </Table.Cell>
              <Table.Cell data-testid="ra-cohort-repeat_rate" className="text-right tabular-nums">
                {formatRate(row.repeat_rate)}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  </div>
)
