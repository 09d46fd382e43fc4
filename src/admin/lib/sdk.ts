import Medusa from "@medusajs/js-sdk"

// In a plugin the backend URL comes from the host's build, not from import.meta.env.
export const sdk = new Medusa({
  baseUrl: (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) || "/",
  auth: { type: "session" },
})
