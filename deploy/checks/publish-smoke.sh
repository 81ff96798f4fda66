#!/usr/bin/env bash
# What the container does, without Docker (.ci/run; PostgreSQL running, role custorder_ci):
#  1. `dotnet publish -c Release` produces every file the Dockerfile and the entry point use, with workstation GC;
#  2. the entry point, run on that output the way docker-compose.yml runs it (Production, keys
#     from make-env.sh, password through PGPASSWORD as in CloudFormation), migrates, creates the
#     superuser without prompting, and serves; a second start finds both done;
#  3. healthcheck.sh (bash /dev/tcp, as in the image) answers 0 for a 200 and 1 otherwise;
#  4. behind a TLS-terminating proxy (ASPNETCORE_FORWARDEDHEADERS_ENABLED, X-Forwarded-Proto:
#     https) the OpenID issuer is https and Auth__RequireHttps=true accepts the request.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

echo "-- dotnet publish -c Release"
dotnet publish src/CustOrder.Api/CustOrder.Api.csproj -c Release -o "$work/app" --nologo -v quiet
for dll in $(grep -ho '[A-Za-z.]*\.dll' deploy/container/entrypoint.sh | sort -u); do
  [ -f "$work/app/$dll" ] || { echo "publish output lacks $dll (used by the entry point)" >&2; exit 1; }
done
[ -f "$work/app/appsettings.json" ] || { echo "publish output lacks appsettings.json" >&2; exit 1; }
grep -q 'dotnet publish .* -o /app' Dockerfile && grep -q 'COPY --from=build /app ./' Dockerfile \
  || { echo "Dockerfile no longer publishes to /app and copies it" >&2; exit 1; }
dotnet "$work/app/CustOrder.Api.dll" help >/dev/null
# Workstation GC is what the app is sized and measured with (bench/README.md); a misspelt MSBuild
# property once left the Web SDK's server GC on without anyone noticing.
grep -q '"System.GC.Server": false' "$work/app/CustOrder.Api.runtimeconfig.json" \
  || { echo "the published app does not run workstation GC (System.GC.Server in runtimeconfig.json)" >&2; exit 1; }

echo "-- entry point on the published app (Production, PostgreSQL)"
su postgres -c "dropdb --if-exists --force custorder_smoke 2>/dev/null; createdb -O custorder_ci custorder_smoke"
bash deploy/make-env.sh "$work/.env" >/dev/null
set -a; . "$work/.env"; set +a
port=18181
export CUSTORDER_APP_DIR="$work/app" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_HTTP_PORTS=$port \
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=custorder_smoke;Username=custorder_ci" \
  PGPASSWORD=custorder_ci Auth__RequireHttps=true ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
  Auth__Signing__Base64="$AUTH_SIGNING_BASE64" Auth__Signing__Password="$AUTH_SIGNING_PASSWORD" \
  Auth__Encryption__Base64="$AUTH_ENCRYPTION_BASE64" Auth__Encryption__Password="$AUTH_ENCRYPTION_PASSWORD"
bash deploy/container/entrypoint.sh >"$work/server.log" 2>&1 &
server=$!
up=
for _ in $(seq 1 60); do
  if bash deploy/container/healthcheck.sh /health/ready 2>/dev/null; then up=1; break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 1
done
[ -n "$up" ] || { cat "$work/server.log"; echo "the entry point did not serve" >&2; exit 1; }
grep -qi "migrat" "$work/server.log" || { cat "$work/server.log"; echo "no migration in the log" >&2; exit 1; }
if bash deploy/container/healthcheck.sh /no-such-page 2>/dev/null; then
  echo "healthcheck.sh accepted a 404" >&2; exit 1
fi

node --input-type=module - "$port" <<'JS'
const port = process.argv[2];
const res = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`,
  { headers: { 'X-Forwarded-Proto': 'https' } });
const body = await res.json().catch(() => ({}));
if (res.status !== 200 || !String(body.issuer).startsWith('https://')) {
  console.error(`behind a proxy: status ${res.status}, issuer ${body.issuer}`);
  process.exit(1);
}
JS
grep -qi "admin" "$work/server.log" || { cat "$work/server.log"; echo "no superuser in the log" >&2; exit 1; }
kill "$server"; wait "$server" 2>/dev/null || true; server=

echo "-- a second start: migrations and superuser already there"
CUSTORDER_MIGRATE=true bash deploy/container/entrypoint.sh migrate >/dev/null
bash deploy/container/entrypoint.sh createsuperuser </dev/null >"$work/again.log" 2>&1 \
  || { cat "$work/again.log"; echo "createsuperuser failed on an existing user" >&2; exit 1; }
su postgres -c "dropdb --if-exists --force custorder_smoke" 2>/dev/null
echo "publish and entry point: ok"
