import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { OrderAttribution } from "../components/order/order-attribution"

const OrderAttributionWidget = ({ data }: DetailWidgetProps<AdminOrder>) => <OrderAttribution orderId={data.id} />

export const config = defineWidgetConfig({
  zone: "order.details.side",
  id: "revenue-attribution:order-side",
})

export default OrderAttributionWidget
