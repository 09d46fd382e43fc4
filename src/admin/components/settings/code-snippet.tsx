import { Copy } from "@medusajs/ui"

type Props = { code: string; testId?: string; label?: string }

/** A block of code with a copy button; the element with the test id holds exactly `code`. */
export const CodeSnippet = ({ code, testId, label = "Copy" }: Props) => (
  <div className="bg-ui-bg-subtle border-ui-border-base relative rounded-lg border">
    <pre className="overflow-x-auto px-4 py-3 pr-12 text-xs leading-relaxed">
      <code data-testid={testId} className="font-mono">
        {code}
      </code>
    </pre>
    <div className="absolute right-2 top-2">
      <Copy content={code} aria-label={label} />
    </div>
  </div>
)
