#!/usr/bin/env bash
# Regenerates data/gazetteer/fips.tsv (ISO 3166 alpha-3 -> FIPS 10-4 country codes, which GDELT's
# geography columns use) from the npm package country-code-lookup (MIT). Installs into a scratch
# directory (default /tmp/sitrep-fips), never the repo.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-/tmp/sitrep-fips}"
mkdir -p "$work"
if [ ! -d "$work/node_modules/country-code-lookup" ]; then
  (cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund country-code-lookup@0.1.5)
fi
node -e '
const countries = require(process.argv[1]).countries.filter(c => c.iso3 && c.fips).sort((a, b) => a.iso3 < b.iso3 ? -1 : 1);
const lines = ["# ISO 3166-1 alpha-3 -> FIPS 10-4 country code (GDELT geography columns). From the npm package",
  "# country-code-lookup 0.1.5 (MIT, Richard Astbury). Regenerate with scripts/gazetteer/build-fips.sh."];
for (const c of countries) lines.push(c.iso3 + "\t" + c.fips);
require("fs").writeFileSync(process.argv[2], lines.join("\n") + "\n");
' "$work/node_modules/country-code-lookup" data/gazetteer/fips.tsv
