import { defineMiddlewares } from "@medusajs/framework/http"
import { LIMITS } from "../lib/collector/schema"

export default defineMiddlewares({
  routes: [
    // Both collector routes refuse bodies over 64 KB (413) before parsing them.
    { matcher: "/attribution/events", methods: ["POST"], bodyParser: { sizeLimit: LIMITS.bodyBytes } },
    { matcher: "/store/attribution/events", methods: ["POST"], bodyParser: { sizeLimit: LIMITS.bodyBytes } },
  ],
})
