import { Alert } from "@medusajs/ui"

/** Shown instead of usable forms when the server has no key to encrypt what connecting stores. */
export const EncryptionNotice = () => (
  <Alert variant="warning" data-testid="ra-connections-encryption-missing">
    Connecting stores the API key and the webhook's signing secret encrypted, and this server has no encryption key. Set{" "}
    <code>ATTRIBUTION_ENCRYPTION_KEY</code> in the server's environment, or the plugin option <code>encryptionKey</code>{" "}
    in <code>medusa-config.ts</code>, to a random string of at least 32 characters (e.g. the output of{" "}
    <code>openssl rand -base64 32</code>), keep it safe, then restart the server. Without it, the webhook secrets given in
    the plugin options (Payment webhooks below) still work.
  </Alert>
)
