import { Label, Select } from "@medusajs/ui"
import { useId } from "react"

export type SelectOption = { value: string; label: string }

type Props = {
  label: string
  /** `data-testid` of the trigger; each option gets `<testId>-option-<value>`. */
  testId: string
  value: string
  options: SelectOption[]
  onChange: (value: string) => void
  disabled?: boolean
  className?: string
}

/** A labelled Medusa UI select (Radix): the trigger carries the test id. */
export const LabeledSelect = ({ label, testId, value, options, onChange, disabled, className }: Props) => {
  const id = useId()
  return (
    <div className={className ?? "flex flex-col gap-y-1"}>
      <Label size="xsmall" htmlFor={id} className="text-ui-fg-subtle">
        {label}
      </Label>
      <Select value={value} onValueChange={onChange} size="small" disabled={disabled}>
        <Select.Trigger id={id} data-testid={testId} aria-label={label} className="min-w-[140px]">
          <Select.Value placeholder={label} />
        </Select.Trigger>
        <Select.Content>
          {options.map((option) => (
            <Select.Item key={option.value} value={option.value} data-testid={`${testId}-option-${option.value}`}>
              {option.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}
