// Serves the demo storefront (demo/storefront/index.html) on its own port, as a storefront on
// another origin than the backend would be. The page is static; this fills in where the backend
// is and which publishable key to use.
const fs = require("fs")
const http = require("http")
const path = require("path")

const PAGE = path.resolve(__dirname, "../storefront/index.html")

function startStorefront({ port, backendUrl, publishableKey }) {
  const config = JSON.stringify({ backendUrl, publishableKey }).replace(/</g, "\\u003c")
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end()
      return
    }
    if (req.url === "/favicon.ico") {
      res.writeHead(204).end()
      return
    }
    // Read on each request, so an edit to the page shows on reload.
    const html = fs
      .readFileSync(PAGE, "utf8")
      .replace("/*DEMO_CONFIG*/", `window.DEMO = ${config};`)
      .replaceAll("__BACKEND_URL__", backendUrl)
      .replaceAll("__PUBLISHABLE_KEY__", publishableKey)
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
    res.end(req.method === "HEAD" ? undefined : html)
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, () => {
      resolve({
        url: `http://localhost:${port}`,
        stop: () =>
          new Promise((r) => {
            server.close(() => r())
            // Browsers keep connections open: end them, or close() would wait for them.
            server.closeAllConnections()
          }),
      })
    })
  })
}

module.exports = { startStorefront }
