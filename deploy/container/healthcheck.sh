#!/usr/bin/env bash
# Container health check without curl or wget (the ASP.NET runtime image has neither):
# GET http://127.0.0.1:${PORT}${PATH} through bash's /dev/tcp; exit 0 only on HTTP 200.
#   healthcheck.sh /health/ready     (or /health/live)
set -uo pipefail
path=${1:-/health/ready}
port=${ASPNETCORE_HTTP_PORTS:-8080}
port=${port%%[;,]*}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-
case "$status" in
  "HTTP/1.1 200"*|"HTTP/1.0 200"*) exit 0 ;;
  *) echo "unhealthy: ${status%$'\r'}" >&2; exit 1 ;;
esac
