import { ExclamationCircle } from "@medusajs/icons"
import { Button, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

export const LoadingState = ({ label = "Loading…", testId = "ra-loading" }: { label?: string; testId?: string }) => (
  <div data-testid={testId} role="status" aria-live="polite" className="flex items-center gap-x-2 px-6 py-4">
    <span className="border-ui-border-strong border-t-ui-fg-interactive h-4 w-4 animate-spin rounded-full border-2" />
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
  </div>
)

type ErrorProps = {
  title: string
  message: string
  onRetry: () => void
  isRetrying?: boolean
  testId?: string
  children?: ReactNode
}

/** What failed, the server's message, and a Retry button. */
export const ErrorState = ({ title, message, onRetry, isRetrying, testId = "ra-error-state", children }: ErrorProps) => (
  <div data-testid={testId} role="alert" className="flex flex-col gap-y-3 px-6 py-4">
    <div className="flex items-start gap-x-2">
      <ExclamationCircle className="text-ui-fg-error mt-0.5 shrink-0" />
      <div className="flex flex-col gap-y-1">
        <Text size="small" weight="plus">
          {title}
        </Text>
        <Text size="small" className="text-ui-fg-subtle" data-testid={`${testId}-message`}>
          {message}
        </Text>
        {children}
      </div>
    </div>
    <div>
      <Button size="small" variant="secondary" onClick={onRetry} isLoading={isRetrying} data-testid={`${testId}-retry`}>
        Retry
      </Button>
    </div>
  </div>
)

/** A quiet line for a section with nothing to show. */
export const EmptyLine = ({ children, testId }: { children: ReactNode; testId?: string }) => (
  <Text size="small" className="text-ui-fg-subtle px-6 py-4" data-testid={testId}>
    {children}
  </Text>
)
