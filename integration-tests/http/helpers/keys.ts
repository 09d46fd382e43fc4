import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

export async function createPublishableKey(container: MedusaContainer, title = "storefront") {
  const apiKeys = container.resolve(Modules.API_KEY)
  return apiKeys.createApiKeys({ title, type: "publishable", created_by: "test" })
}

export async function createSecretKey(container: MedusaContainer, title = "backend") {
  const apiKeys = container.resolve(Modules.API_KEY)
  return apiKeys.createApiKeys({ title, type: "secret", created_by: "test" })
}

export async function revokeKey(container: MedusaContainer, id: string) {
  const apiKeys = container.resolve(Modules.API_KEY)
  await apiKeys.revoke({ id }, { revoked_by: "test" })
}
