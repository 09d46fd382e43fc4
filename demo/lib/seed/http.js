// A small JSON client for the demo store's real routes: the admin API (as the demo's admin
// user), the Store API (with the storefront's publishable key) and the plugin's own routes.

function createClient(base) {
  const request = async (method, path, { body, headers = {} } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      // not JSON: kept as text for the error
    }
    if (!res.ok) {
      throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`)
    }
    return json
  }
  return { base, request }
}

/** Logs the demo's admin in (email and password) and answers a client that sends its token. */
async function adminClient(base, { email, password }) {
  const client = createClient(base)
  const { token } = await client.request("POST", "/auth/user/emailpass", { body: { email, password } })
  const headers = { authorization: `Bearer ${token}` }
  return {
    get: (path) => client.request("GET", path, { headers }),
    post: (path, body = {}) => client.request("POST", path, { body, headers }),
  }
}

/** The Store API as a storefront calls it, with the publishable key. */
function storeClient(base, publishableKey) {
  const client = createClient(base)
  const headers = { "x-publishable-api-key": publishableKey }
  return {
    get: (path) => client.request("GET", path, { headers }),
    post: (path, body = {}) => client.request("POST", path, { body, headers }),
  }
}

/** Runs `task` over `items`, `concurrency` at a time, in order of start. */
async function eachLimit(items, concurrency, task) {
  let next = 0
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      await task(items[i], i)
    }
  })
  await Promise.all(workers)
}

module.exports = { adminClient, createClient, eachLimit, storeClient }
