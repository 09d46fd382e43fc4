import { StatusBadge } from "@medusajs/ui"
import type { PaymentStatus } from "../../lib/types"

const STATUS: Record<PaymentStatus, { color: "green" | "orange" | "red" | "grey"; label: string }> = {
  paid: { color: "green", label: "Paid" },
  partially_refunded: { color: "orange", label: "Partially refunded" },
  refunded: { color: "red", label: "Refunded" },
  canceled: { color: "grey", label: "Canceled" },
}

export const PaymentStatusBadge = ({ status }: { status: PaymentStatus }) => {
  const s = STATUS[status] ?? { color: "grey" as const, label: status }
  return <StatusBadge color={s.color}>{s.label}</StatusBadge>
}
