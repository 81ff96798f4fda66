#!/usr/bin/env bash
# The container's entry point.
#   no arguments: apply the migrations (unless CUSTORDER_MIGRATE=false), create the superuser when
#                 CUSTORDER_SUPERUSER_USERNAME is set (an existing user is left alone), then serve.
#   arguments:    run that admin command instead, e.g. `migrate`, `createapplication ...`, `help`.
# Several instances may start at once: EF Core takes a database lock around the migrations, so
# one applies them and the others find them applied.
set -euo pipefail
cd "${CUSTORDER_APP_DIR:-/app}"

if [ "$#" -gt 0 ]; then
  exec dotnet CustOrder.Api.dll "$@"
fi

if [ "${CUSTORDER_MIGRATE:-true}" != "false" ]; then
  dotnet CustOrder.Api.dll migrate
fi
if [ -n "${CUSTORDER_SUPERUSER_USERNAME:-}" ]; then
  dotnet CustOrder.Api.dll createsuperuser </dev/null
fi
exec dotnet CustOrder.Api.dll
