import { ArrowPath } from "@medusajs/icons"
import { Button, Input, Label, Switch, Text } from "@medusajs/ui"
import { useState } from "react"
import { LabeledSelect } from "../common/labeled-select"
import { MODEL_LABELS } from "../../lib/labels"
import { customRange, presetRange, RANGE_LABELS, RANGE_PRESETS, rangeDays } from "../../lib/range"
import type { DateRange, RangePreset } from "../../lib/range"
import { ATTRIBUTION_MODELS } from "../../lib/types"
import type { AttributionModel } from "../../lib/types"

type Props = {
  range: DateRange
  onRangeChange: (range: DateRange) => void
  model: AttributionModel
  onModelChange: (model: AttributionModel) => void
  /** The currency shown (picked, or the API's choice); empty until the first answer. */
  currency: string
  currencies: string[]
  onCurrencyChange: (currency: string) => void
  includeTest: boolean
  onIncludeTestChange: (value: boolean) => void
  onRefresh: () => void
  isRefreshing: boolean
}

/** Date range (presets or two days), model, currency, test payments, refresh. */
export const ReportFilters = (props: Props) => {
  const { range, onRangeChange } = props
  const initialDays = rangeDays(range)
  const [fromDay, setFromDay] = useState(initialDays.fromDay)
  const [toDay, setToDay] = useState(initialDays.toDay)
  const [rangeError, setRangeError] = useState<string | null>(null)

  const applyCustom = (nextFrom: string, nextTo: string) => {
    setFromDay(nextFrom)
    setToDay(nextTo)
    const next = customRange(nextFrom, nextTo)
    if ("error" in next) {
      setRangeError(next.error)
      return
    }
    setRangeError(null)
    onRangeChange(next)
  }

  const onPreset = (value: string) => {
    const preset = value as RangePreset
    if (preset === "custom") {
      // Start the custom range from the days currently shown.
      const days = rangeDays(range)
      applyCustom(days.fromDay, days.toDay)
      return
    }
    setRangeError(null)
    onRangeChange(presetRange(preset))
  }

  const currencyOptions = Array.from(new Set([...props.currencies, ...(props.currency ? [props.currency] : [])]))

  return (
    <div className="flex flex-wrap items-end gap-3 px-6 py-4">
      <LabeledSelect
        label="Date range"
        testId="ra-range-select"
        value={range.preset}
        options={RANGE_PRESETS.map((p) => ({ value: p, label: RANGE_LABELS[p] }))}
        onChange={onPreset}
      />
      {range.preset === "custom" && (
        <>
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall" htmlFor="ra-range-from" className="text-ui-fg-subtle">
              From
            </Label>
            <Input
              id="ra-range-from"
              data-testid="ra-range-from"
              type="date"
              size="small"
              value={fromDay}
              max={toDay || undefined}
              onChange={(e) => applyCustom(e.target.value, toDay)}
            />
          </div>
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall" htmlFor="ra-range-to" className="text-ui-fg-subtle">
              To (included)
            </Label>
            <Input
              id="ra-range-to"
              data-testid="ra-range-to"
              type="date"
              size="small"
              value={toDay}
              min={fromDay || undefined}
              onChange={(e) => applyCustom(fromDay, e.target.value)}
            />
          </div>
        </>
      )}
      <LabeledSelect
        label="Attribution model"
        testId="ra-model-select"
        value={props.model}
        options={ATTRIBUTION_MODELS.map((m) => ({ value: m, label: MODEL_LABELS[m] }))}
        onChange={(value) => props.onModelChange(value as AttributionModel)}
      />
      <LabeledSelect
        label="Currency"
        testId="ra-currency-select"
        value={props.currency}
        options={currencyOptions.map((c) => ({ value: c, label: c }))}
        onChange={props.onCurrencyChange}
        disabled={currencyOptions.length === 0}
      />
      <div className="flex items-center gap-x-2 pb-1.5">
        <Switch
          id="ra-include-test"
          data-testid="ra-include-test"
          size="small"
          checked={props.includeTest}
          onCheckedChange={props.onIncludeTestChange}
        />
        <Label size="xsmall" htmlFor="ra-include-test">
          Include test payments
        </Label>
      </div>
      <div className="ml-auto">
        <Button
          size="small"
          variant="secondary"
          onClick={props.onRefresh}
          isLoading={props.isRefreshing}
          data-testid="ra-refresh"
        >
          <ArrowPath />
          Refresh
        </Button>
      </div>
      {rangeError && (
        <Text size="small" className="text-ui-fg-error w-full" data-testid="ra-range-error">
          {rangeError}
        </Text>
      )}
    </div>
  )
}
