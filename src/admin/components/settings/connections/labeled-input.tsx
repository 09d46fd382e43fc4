import { Input, Label, Text } from "@medusajs/ui"
import type { ComponentProps } from "react"

type Props = {
  testId: string
  label: string
  hint?: string
} & Omit<ComponentProps<typeof Input>, "id" | "size">

/** A labelled input whose id and test id are `testId`, with an optional line of help under it. */
export const LabeledInput = ({ testId, label, hint, ...input }: Props) => (
  <div className="flex flex-col gap-y-1">
    <Label htmlFor={testId} size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Label>
    <Input id={testId} size="small" data-testid={testId} {...input} />
    {hint && (
      <Text size="xsmall" className="text-ui-fg-muted">
        {hint}
      </Text>
    )}
  </div>
)
