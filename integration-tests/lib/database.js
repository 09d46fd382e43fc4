// The Postgres a script suite uses (DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, which
// scripts/test.js sets), and the name and URL of the database of its own it creates there.
/** `{ server, dbName, databaseUrl }` for a database named `<prefix>_<pid>`. */
function suiteDatabase(prefix) {
  const server = {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "",
  }
  const dbName = `${prefix}_${process.pid}`
  const databaseUrl = `postgres://${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${dbName}`
  return { server, dbName, databaseUrl }
}

module.exports = { suiteDatabase }
