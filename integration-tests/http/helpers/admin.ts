import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, generateJwtToken } from "@medusajs/framework/utils"

export const ADMIN_EMAIL = "admin@attribution.test"

/** An admin user with an emailpass identity, as `medusa user` would create. */
export async function createAdminUser(container: MedusaContainer) {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const user = await userModule.createUsers({ email: ADMIN_EMAIL })
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: ADMIN_EMAIL }],
    app_metadata: { user_id: user.id },
  })
  return { user, authIdentity }
}

/** Bearer headers for that admin, signed with the app's own JWT secret. */
export async function adminHeaders(
  admin: Awaited<ReturnType<typeof createAdminUser>>,
  container: MedusaContainer
): Promise<Record<string, string>> {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const token = generateJwtToken(
    {
      actor_id: admin.user.id,
      actor_type: "user",
      auth_identity_id: admin.authIdentity.id,
      app_metadata: { user_id: admin.user.id },
    },
    { secret: config.projectConfig.http.jwtSecret!, expiresIn: "1d" }
  )
  return { authorization: `Bearer ${token}` }
}
