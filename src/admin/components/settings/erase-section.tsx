import { Button, Container, Heading, Input, Label, Text, usePrompt } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { ATTRIBUTION_QUERY_KEY, errorMessage } from "../../hooks/use-attribution"
import { sdk } from "../../lib/sdk"

type Erased = { visitors: number; sessions: number; events: number; payments_anonymized: number }

/**
 * A person's request to be forgotten: by the visitor id (the `_ra_vid` cookie) or the email
 * they identified or paid with. Their visits go; their payments stay, anonymous, so revenue
 * still adds up.
 */
export const EraseSection = () => {
  const [value, setValue] = useState("")
  const prompt = usePrompt()
  const queryClient = useQueryClient()
  const erase = useMutation({
    mutationFn: (target: { email: string } | { visitor_id: string }) =>
      sdk.client.fetch<{ erased: Erased }>("/admin/attribution/erase", { method: "POST", body: target }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ATTRIBUTION_QUERY_KEY] }),
  })

  const submit = async () => {
    const trimmed = value.trim()
    const target = trimmed.includes("@") ? { email: trimmed } : { visitor_id: trimmed }
    const confirmed = await prompt({
      title: "Erase this person's attribution data?",
      description: `Every visit, event and identity of ${trimmed} is deleted, and their payments are kept without anything that points to them. This cannot be undone.`,
      confirmText: "Erase",
      cancelText: "Cancel",
    })
    if (confirmed) {
      erase.mutate(target)
    }
  }

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="ra-erase-section">
      <div>
        <Heading level="h2">Erase a visitor</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          For a privacy request: give the visitor id (the <code>_ra_vid</code> cookie) or the email the person identified or
          paid with.
        </Text>
      </div>
      <div className="flex items-end gap-x-2">
        <div className="flex flex-1 flex-col gap-y-1">
          <Label htmlFor="ra-erase-input" size="small">
            Visitor id or email
          </Label>
          <Input id="ra-erase-input" value={value} onChange={(e) => setValue(e.target.value)} data-testid="ra-erase-input" />
        </div>
        <Button variant="danger" disabled={!value.trim() || erase.isPending} onClick={submit} data-testid="ra-erase-button">
          Erase
        </Button>
      </div>
      {erase.isError && (
        <Text size="small" className="text-ui-fg-error">
          {errorMessage(erase.error)}
        </Text>
      )}
      {erase.data && (
        <Text size="small" data-testid="ra-erase-result">
          Erased {erase.data.erased.visitors} visitor(s), {erase.data.erased.sessions} session(s) and {erase.data.erased.events}{" "}
          event(s); {erase.data.erased.payments_anonymized} payment(s) made anonymous.
        </Text>
      )}
    </Container>
  )
}
