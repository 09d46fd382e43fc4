import { defineMiddlewares } from "@medusajs/framework/http"
import { LIMITS } from "../lib/collector/schema"

export default defineMiddlewares({
  routes: [
    // Both collector routes refuse bodies over 64 KB (413) before parsing them.
    { matcher: "/attribution/events", methods: ["POST"], bodyParser: { sizeLimit: LIMITS.bodyBytes } },
    { matcher: "/store/attribution/events", methods: ["POST"], bodyParser: { sizeLimit: LIMITS.bodyBytes } },
    // The payment API reads its own body, after checking the secret key.
    { matcher: "/attribution/v1/*", methods: ["POST"], bodyParser: false },
    // Webhooks are verified on the exact bytes received.
    {
      matcher: "/attribution/webhooks/*",
      methods: ["POST"],
      bodyParser: { preserveRawBody: true, sizeLimit: "1mb" },
    },
    // Ad spend (issue 10): JSON rows up to 10 MB (50,000 rows); the CSV upload reads its own
    // raw bytes (UTF-16 files intact) with its own limit (src/lib/spend/upload-body.ts).
    { matcher: "/admin/attribution/spend", methods: ["POST"], bodyParser: { sizeLimit: "10mb" } },
    { matcher: "/admin/attribution/spend/upload", methods: ["POST"], bodyParser: false },
  ],
})
