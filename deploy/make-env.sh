#!/usr/bin/env bash
# Writes deploy/.env for docker-compose.yml from .env.example: random passwords and a fresh
# token signing and encryption certificate (PFX, base64). Needs openssl. Refuses to overwrite.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:-.env}
if [ -e "$target" ]; then
  echo "$target exists; remove it first to make a new one." >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
random() { openssl rand -hex 24; }
pfx() { # $1 purpose, $2 password
  openssl req -x509 -newkey rsa:2048 -sha256 -days 730 -nodes -keyout "$work/$1.key" -out "$work/$1.crt" \
    -subj "/CN=CustOrder token $1" 2>/dev/null
  openssl pkcs12 -export -in "$work/$1.crt" -inkey "$work/$1.key" -out "$work/$1.pfx" -passout "pass:$2"
  base64 -w0 "$work/$1.pfx"
}
signing_password=$(random)
encryption_password=$(random)
signing=$(pfx signing "$signing_password")
encryption=$(pfx encryption "$encryption_password")
sed -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$(random)|" \
    -e "s|^AUTH_SIGNING_BASE64=.*|AUTH_SIGNING_BASE64=$signing|" \
    -e "s|^AUTH_SIGNING_PASSWORD=.*|AUTH_SIGNING_PASSWORD=$signing_password|" \
    -e "s|^AUTH_ENCRYPTION_BASE64=.*|AUTH_ENCRYPTION_BASE64=$encryption|" \
    -e "s|^AUTH_ENCRYPTION_PASSWORD=.*|AUTH_ENCRYPTION_PASSWORD=$encryption_password|" \
    -e "s|^CUSTORDER_SUPERUSER_PASSWORD=.*|CUSTORDER_SUPERUSER_PASSWORD=$(random)|" \
    .env.example > "$target"
chmod 600 "$target"
echo "Wrote $(realpath "$target") (the superuser password is CUSTORDER_SUPERUSER_PASSWORD in it)."
