import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { CustomerAttribution } from "../components/customer/customer-attribution"

const CustomerAttributionWidget = ({ data }: DetailWidgetProps<AdminCustomer>) => (
  <CustomerAttribution customerId={data.id} />
)

export const config = defineWidgetConfig({
  zone: "customer.details.side",
  id: "revenue-attribution:customer-side",
})

export default CustomerAttributionWidget
