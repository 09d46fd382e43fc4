import { orderLineItems } from "../order-lines"

describe("orderLineItems", () => {
  it("maps an order's graph lines, rounding each total once to the currency's decimals", () => {
    const lines = orderLineItems(
      [
        {
          id: "ordli_1",
          product_id: "prod_1",
          variant_id: "variant_1",
          product_title: "Linen Shirt",
          variant_title: "M",
          variant_sku: "SHIRT-M",
          quantity: 2,
          total: 21.005, // a tax-inclusive total with a third decimal
          product: { collection: { id: "pcol_1", title: "Summer" }, categories: [{ id: "pcat_1", name: "Shirts" }, null] },
        },
        null,
        { id: "ordli_2", quantity: 1, total: { value: "1500" }, product_collection: "Old collection", product: null },
      ],
      2
    )
    expect(lines).toEqual([
      {
        line_item_id: "ordli_1",
        product_id: "prod_1",
        variant_id: "variant_1",
        product_title: "Linen Shirt",
        variant_title: "M",
        sku: "SHIRT-M",
        collection_id: "pcol_1",
        collection_title: "Summer",
        categories: [{ id: "pcat_1", name: "Shirts" }],
        quantity: 2,
        amount: "21.01",
      },
      {
        line_item_id: "ordli_2",
        product_id: null,
        variant_id: null,
        product_title: null,
        variant_title: null,
        sku: null,
        collection_id: null,
        collection_title: "Old collection",
        categories: [],
        quantity: 1,
        amount: "1500.00",
      },
    ])
  })

  it("answers no lines for an order without items", () => {
    expect(orderLineItems(undefined, 0)).toEqual([])
  })

  it("keeps JPY whole", () => {
    expect(orderLineItems([{ id: "l", quantity: 1, total: 999.5 }], 0)[0]!.amount).toBe("1000")
  })
})
