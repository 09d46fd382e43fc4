/**
 * The bundler entry in Node, as during server rendering: no window, no document.
 * It must be inert and silent, and never throw.
 */
import { createRevenueAttribution } from "../src/index"

describe("createRevenueAttribution outside a browser", () => {
  it("is inert: null getters, empty metadata, false attachToCart, no warning", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined)
    try {
      const api = createRevenueAttribution({ publishableKey: "pk_123", backendUrl: "https://api.store.example", installGlobal: true })
      expect(api.getVisitorId()).toBeNull()
      expect(api.getSessionId()).toBeNull()
      expect(api.cartMetadata()).toEqual({})
      expect(() => {
        api.track("x", { a: 1 })
        api.identify("a@b.co")
        api.trackPurchase("o", 1, "usd")
        api.pageview()
        api.consent(true)
      }).not.toThrow()
      await expect(api.attachToCart("cart_1")).resolves.toBe(false)
      await expect(api.flush()).resolves.toBeUndefined()
      expect(warn).not.toHaveBeenCalled()
      expect("revenueAttribution" in globalThis).toBe(false)
    } finally {
      warn.mockRestore()
    }
  })

  it("does not throw without options", () => {
    expect(() => createRevenueAttribution(undefined as never).getVisitorId()).not.toThrow()
  })
})
