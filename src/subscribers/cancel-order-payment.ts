import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type { AttributionModuleService } from "../modules/attribution"

/** A canceled Medusa order leaves revenue: its payment is kept, marked canceled. */
export default async function cancelOrderPayment({ event, container }: SubscriberArgs<{ id: string }>) {
  const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  await attribution.cancelPayment("medusa", event.data.id)
}

export const config: SubscriberConfig = {
  event: [OrderWorkflowEvents.CANCELED],
  context: { subscriberId: "attribution-cancel-order-payment" },
}
