import { defineMiddlewares } from "@medusajs/framework/http"

export default defineMiddlewares({
  routes: [
    // The demo's traffic history arrives in one request of a few hundred kilobytes.
    { matcher: "/admin/demo/history", methods: ["POST"], bodyParser: { sizeLimit: "20mb" } },
  ],
})
