import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A failure the owner must read: the server's message, in the error colour, announced. */
export const ErrorLine = ({ testId, children }: { testId: string; children: ReactNode }) => (
  <Text size="small" className="text-ui-fg-error" role="alert" data-testid={testId}>
    {children}
  </Text>
)
