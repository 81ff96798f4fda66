#!/usr/bin/env bash
# The browser libraries the app serves are committed under src/CustOrder.Api/wwwroot/lib, so that
# `dotnet run` needs no npm. This proves each committed file is byte for byte the file of the npm
# package pinned in package-lock.json (npm ci checks the package's integrity hash).
# --update copies the packages' files over the committed ones (after a version change in package.json).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
lib=../src/CustOrder.Api/wwwroot/lib
# package file -> committed file
files=(
  "node_modules/chart.js/dist/chart.umd.min.js:$lib/chart.js/chart.umd.min.js"
  "node_modules/chart.js/LICENSE.md:$lib/chart.js/LICENSE.md"
)
status=0
for pair in "${files[@]}"; do
  source=${pair%%:*} committed=${pair#*:}
  if [ "${1:-}" = "--update" ]; then
    mkdir -p "$(dirname "$committed")"
    cp "$source" "$committed"
  elif ! cmp -s "$source" "$committed"; then
    echo "$committed differs from $source: run vendor/check.sh --update and commit." >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "vendored files match their npm packages"
exit "$status"
