#!/usr/bin/env bash
# Makes the SDK that global.json pins available, in the build stage of the Dockerfile and in
# CircleCI: the .NET SDK images carry one feature band, which may be older than global.json's.
# Does nothing when the installed SDK already satisfies global.json. Run from the repository root.
set -euo pipefail
if dotnet --version >/dev/null 2>&1; then
  echo "SDK $(dotnet --version) satisfies global.json"
  exit 0
fi
root=$(dirname "$(readlink -f "$(command -v dotnet)")")
curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
bash /tmp/dotnet-install.sh --jsonfile global.json --install-dir "$root" --no-path
rm -f /tmp/dotnet-install.sh
echo "SDK $(dotnet --version) installed for global.json"
