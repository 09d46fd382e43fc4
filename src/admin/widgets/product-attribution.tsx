import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { ProductChannels } from "../components/products/product-channels"

const ProductAttributionWidget = ({ data }: DetailWidgetProps<AdminProduct>) => <ProductChannels productId={data.id} />

export const config = defineWidgetConfig({
  zone: "product.details.side",
  id: "revenue-attribution:product-side",
})

export default ProductAttributionWidget
