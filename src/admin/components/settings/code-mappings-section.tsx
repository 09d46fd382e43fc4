import { Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, IconButton, Input, Label, Table, Text, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../../hooks/use-attribution"
import { useCodeMappings, useDeleteCodeMapping, useSaveCodeMapping } from "../../hooks/use-codes"
import { formatCount } from "../../lib/format"
import { CHANNELS, type CodeMappingInput } from "../../lib/codes-types"
import { LabeledSelect } from "../common/labeled-select"
import { EmptyLine, ErrorState, LoadingState } from "../common/states"

const EMPTY: CodeMappingInput = { code: "", channel: "Affiliates", source: "", medium: "", campaign: "" }

/** A text field of the form, with the test id the browser check types into. */
const Field = ({ id, label, value, onChange, placeholder }: { id: string; label: string; value: string; onChange: (v: string) => void; placeholder?: string }) => (
  <div className="flex flex-col gap-y-1">
    <Label htmlFor={`ra-code-mapping-${id}`} size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Label>
    <Input
      id={`ra-code-mapping-${id}`}
      size="small"
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      data-testid={`ra-code-mapping-${id}`}
    />
  </div>
)

/**
 * Settings: promotion codes mapped to a channel and source (an influencer's code → Affiliates /
 * anna). An order that used a mapped code gets a touch at order time; saving or removing a
 * mapping re-credits the orders already recorded with that code.
 */
export const CodeMappingsSection = () => {
  const mappings = useCodeMappings()
  const save = useSaveCodeMapping()
  const remove = useDeleteCodeMapping()
  const prompt = usePrompt()
  const [form, setForm] = useState<CodeMappingInput>(EMPTY)
  /** What the last save or removal did, shown until the next one. */
  const [done, setDone] = useState<string | null>(null)
  const set = (field: keyof CodeMappingInput) => (value: string) => setForm((f) => ({ ...f, [field]: value }))

  const submit = () =>
    save.mutate(
      { ...form, source: form.source || null, medium: form.medium || null, campaign: form.campaign || null },
      {
        onSuccess: (r) => {
          setForm(EMPTY)
          setDone(`Saved ${r.mapping.code}; ${formatCount(r.recredited)} recorded order(s) credited again.`)
        },
      }
    )

  const onRemove = async (code: string, payments: number) => {
    const confirmed = await prompt({
      title: `Remove the mapping of ${code}?`,
      description: `The ${payments} recorded order(s) that used ${code} are credited again without it.`,
      confirmText: "Remove",
      cancelText: "Cancel",
    })
    if (confirmed) {
      remove.mutate(code, {
        onSuccess: (r) => setDone(`Removed ${r.code}; ${formatCount(r.recredited)} recorded order(s) credited again.`),
      })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="ra-code-mapping-section">
      <div className="px-6 py-4">
        <Heading level="h2">Discount codes</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Map a promotion code to the channel and source that hands it out, e.g. an influencer's code to Affiliates /{" "}
          <code>anna</code>. An order that used the code gets a touch at order time, credited under every model like a
          visit, so code-driven sales stop landing in Direct. A change applies to past orders too.
        </Text>
      </div>
      <div className="flex flex-wrap items-end gap-3 px-6 py-4">
        <Field id="code" label="Code" value={form.code} onChange={set("code")} placeholder="ANNA10" />
        <LabeledSelect
          label="Channel"
          testId="ra-code-mapping-channel"
          value={form.channel}
          options={CHANNELS.map((c) => ({ value: c, label: c }))}
          onChange={set("channel")}
        />
        <Field id="source" label="Source" value={form.source ?? ""} onChange={set("source")} placeholder="anna" />
        <Field id="medium" label="Medium" value={form.medium ?? ""} onChange={set("medium")} placeholder="influencer" />
        <Field id="campaign" label="Campaign" value={form.campaign ?? ""} onChange={set("campaign")} />
        <Button size="small" onClick={submit} disabled={!form.code.trim()} isLoading={save.isPending} data-testid="ra-code-mapping-save">
          Save mapping
        </Button>
      </div>
      {(save.isError || remove.isError) && (
        <Text size="small" className="text-ui-fg-error px-6 py-3" data-testid="ra-code-mapping-error">
          {errorMessage(save.error ?? remove.error)}
        </Text>
      )}
      {done && !save.isPending && !remove.isPending && (
        <Text size="small" className="px-6 py-3" data-testid="ra-code-mapping-result">
          {done}
        </Text>
      )}
      {mappings.isLoading && <LoadingState label="Loading the mappings…" testId="ra-code-mapping-loading" />}
      {mappings.isError && (
        <ErrorState
          testId="ra-code-mapping-list-error"
          title="The code mappings could not be loaded."
          message={errorMessage(mappings.error)}
          onRetry={() => void mappings.refetch()}
          isRetrying={mappings.isFetching}
        />
      )}
      {mappings.data && mappings.data.mappings.length === 0 && (
        <EmptyLine testId="ra-code-mapping-empty">No code is mapped yet.</EmptyLine>
      )}
      {mappings.data && mappings.data.mappings.length > 0 && (
        <div className="overflow-x-auto">
          <Table data-testid="ra-code-mapping-table">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Code</Table.HeaderCell>
                <Table.HeaderCell>Channel</Table.HeaderCell>
                <Table.HeaderCell>Source</Table.HeaderCell>
                <Table.HeaderCell>Medium</Table.HeaderCell>
                <Table.HeaderCell>Campaign</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Orders recorded</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {mappings.data.mappings.map((m) => (
                <Table.Row key={m.code} data-testid="ra-code-mapping-row" data-code={m.code}>
                  <Table.Cell>
                    <code data-testid="ra-code-mapping-cell-code">{m.code}</code>
                  </Table.Cell>
                  <Table.Cell data-testid="ra-code-mapping-cell-channel">
                    <Badge size="2xsmall">{m.channel}</Badge>
                  </Table.Cell>
                  <Table.Cell data-testid="ra-code-mapping-cell-source">{m.source ?? "—"}</Table.Cell>
                  <Table.Cell data-testid="ra-code-mapping-cell-medium">{m.medium ?? "—"}</Table.Cell>
                  <Table.Cell data-testid="ra-code-mapping-cell-campaign">{m.campaign ?? "—"}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums" data-testid="ra-code-mapping-cell-payments">
                    {formatCount(m.payments)}
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    <IconButton
                      size="small"
                      variant="transparent"
                      aria-label={`Remove the mapping of ${m.code}`}
                      onClick={() => void onRemove(m.code, m.payments)}
                      disabled={remove.isPending}
                      data-testid="ra-code-mapping-remove"
                    >
                      <Trash />
                    </IconButton>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Container>
  )
}
