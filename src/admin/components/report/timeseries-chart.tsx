import { Heading, Text } from "@medusajs/ui"
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import { colorFor } from "../../lib/colors"
import { formatCount, formatMoney, formatMoneyCompact, formatPeriod } from "../../lib/format"
import { GROUP_BY_LABELS, INTERVAL_LABELS } from "../../lib/labels"
import { INTERVALS } from "../../lib/types"
import type { Interval, TimeseriesKeyFigures, TimeseriesResponse } from "../../lib/types"
import { LabeledSelect } from "../common/labeled-select"

export const CHART_METRICS = ["revenue", "net_revenue", "payments"] as const
export type ChartMetric = (typeof CHART_METRICS)[number]

const METRIC_LABELS: Record<ChartMetric, string> = {
  revenue: "Revenue",
  net_revenue: "Net revenue",
  payments: "Payments",
}

/** Inline, not a Tailwind class: the chart must never collapse to no height. */
const CHART_HEIGHT = 300

type Datum = { period: string; label: string; by: Record<string, TimeseriesKeyFigures> }

type Props = {
  data: TimeseriesResponse | undefined
  isLoading: boolean
  /** The interval asked for; `effective` may be coarser when the range is long. */
  interval: Interval
  effectiveInterval: Interval
  onIntervalChange: (interval: Interval) => void
  metric: ChartMetric
  onMetricChange: (metric: ChartMetric) => void
  currency: string
}

/** Revenue per day, week or month, stacked by channel. */
export const TimeseriesChart = (props: Props) => {
  const { data, metric, currency } = props
  const interval = data?.interval ?? props.effectiveInterval
  const rows: Datum[] = (data?.points ?? []).map((p) => ({
    period: p.period,
    label: formatPeriod(p.period, interval),
    by: p.by,
  }))
  const keys = data?.keys ?? []
  const isEmpty = !!data && data.points.every((p) => p[metric] === 0)
  const format = (value: number) => (metric === "payments" ? formatCount(value) : formatMoney(value, currency))

  return (
    <div className="flex flex-col gap-y-3 px-6 py-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <Heading level="h2">{METRIC_LABELS[metric]} over time</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            By {GROUP_BY_LABELS[data?.group_by ?? "channel"].toLowerCase()}, in {data?.timezone ?? "your time zone"}
            {interval === "week" ? "; weeks start on Monday" : ""}.
          </Text>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <LabeledSelect
            label="Metric"
            testId="ra-chart-metric-select"
            value={metric}
            options={CHART_METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m] }))}
            onChange={(value) => props.onMetricChange(value as ChartMetric)}
          />
          <LabeledSelect
            label="Interval"
            testId="ra-interval-select"
            value={props.interval}
            options={INTERVALS.map((i) => ({ value: i, label: INTERVAL_LABELS[i] }))}
            onChange={(value) => props.onIntervalChange(value as Interval)}
          />
        </div>
      </div>
      {props.effectiveInterval !== props.interval && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          This range has too many {props.interval}s for one chart (the limit is 400 bars), so it is shown{" "}
          {INTERVAL_LABELS[props.effectiveInterval].toLowerCase()}.
        </Text>
      )}
      <div data-testid="ra-timeseries-chart" className="relative w-full" style={{ height: CHART_HEIGHT }}>
        {props.isLoading && !data ? (
          <div className="bg-ui-bg-subtle h-full w-full animate-pulse rounded-lg" />
        ) : (
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="#e4e4e7" />
              <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} minTickGap={16} />
              <YAxis
                tickLine={false}
                axisLine={false}
                fontSize={12}
                width={72}
                allowDecimals={metric !== "payments"}
                tickFormatter={(value: number) =>
                  metric === "payments" ? formatCount(value) : formatMoneyCompact(value, currency)
                }
              />
              <Tooltip
                cursor={{ fill: "rgba(0,0,0,0.04)" }}
                formatter={(value) => format(Number(value))}
                labelFormatter={(_label, payload) => {
                  const period = (payload?.[0]?.payload as Datum | undefined)?.period
                  return period ? `${INTERVAL_LABELS[interval]} from ${period}` : ""
                }}
              />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {keys.map((key, index) => (
                <Bar
                  key={key}
                  name={key}
                  // A function, not a string: keys such as "google.com" would be read as paths.
                  dataKey={(d: Datum) => d.by[key]?.[metric] ?? 0}
                  stackId="by"
                  fill={colorFor(key, index)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
        {isEmpty && (
          <div className="absolute inset-0 flex items-center justify-center">
            <Text size="small" className="text-ui-fg-subtle bg-ui-bg-base rounded-md px-3 py-1">
              Nothing in this period yet.
            </Text>
          </div>
        )}
      </div>
    </div>
  )
}
