const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const swc = [
  "@swc/jest",
  { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true }, target: "es2021" } },
]

const common = {
  transform: { "^.+\\.[jt]sx?$": swc },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/integration-tests/store/app/", "<rootDir>/.demo/", "<rootDir>/demo/store/"],
}

// Three suites, selected with `--selectProjects`: pure logic, the module against
// real Postgres, and a booted Medusa app answering HTTP.
module.exports = {
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s", "<rootDir>/storefront-snippet/**/__tests__/**/*.unit.spec.[jt]s", "<rootDir>/demo/lib/**/__tests__/**/*.unit.spec.js"] },
    {
      ...common,
      displayName: "modules",
      testMatch: ["<rootDir>/integration-tests/modules/**/*.spec.[jt]s"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
    },
    {
      ...common,
      displayName: "http",
      testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
    },
  ],
}
