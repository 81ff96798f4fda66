#!/usr/bin/env bash
# Peak memory of the app while the back-office exports 100,000 orders as CSV, on PostgreSQL.
# Fills a scratch database (dropped at the end) with ORDERS orders and their SMS rows, signs in as
# staff, downloads /admin/orders/export.csv, and samples the app's resident set (VmRSS) every 50 ms;
# VmHWM is the kernel's own peak. A streamed export stays flat; one that loaded every row would not.
# Usage: bench/backoffice-export/measure.sh   (PG_ADMIN: a connection string of a role that may CREATE DATABASE)
set -euo pipefail
cd "$(dirname "$0")/../.."
ORDERS=${ORDERS:-100000}
PORT=${PORT:-8150}
PG_ADMIN=${PG_ADMIN:-"Host=127.0.0.1;Username=custorder;Password=custorder;Database=postgres"}
db=custorder_export_bench
pg_field() { sed -E "s/.*$1=([^;]*).*/\1/I" <<<"$PG_ADMIN"; }
export PGHOST=$(pg_field Host) PGUSER=$(pg_field Username) PGPASSWORD=$(pg_field Password)
work=$(mktemp -d)
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build -c Release -o "$work/app" src/CustOrder.Api -v q -nologo >/dev/null
psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
export ConnectionStrings__Postgres="Host=$PGHOST;Username=$PGUSER;Password=$PGPASSWORD;Database=$db"
export ASPNETCORE_ENVIRONMENT=Development Auth__DevelopmentKeysPath="$work/keys" Sms__DispatcherEnabled=false
app() { (cd "$work/app" && dotnet CustOrder.Api.dll "$@"); }
app migrate >/dev/null
app createuser --role staff --username bench --password 'a long passphrase' >/dev/null

echo "== $ORDERS orders"
psql -q -d "$db" -v ON_ERROR_STOP=1 -v orders="$ORDERS" <<'SQL'
INSERT INTO customers (id, first_name, last_name, phone_number, date_created, date_modified, version)
SELECT gen_random_uuid(), 'Jane' || g, 'Wanjiru, "' || g || '"', '+2547' || lpad((12000000 + g)::text, 8, '0'), now(), now(), 1
FROM generate_series(1, 1000) g;
INSERT INTO items (id, name, size, price, date_created, date_modified, version)
SELECT gen_random_uuid(), 'Kitenge shirt ' || g, (ARRAY['S','M','L','XL','XXL'])[1 + g % 5], 19.99 + g, now(), now(), 1
FROM generate_series(1, 50) g;
WITH c AS (SELECT id, row_number() OVER () - 1 AS n FROM customers), i AS (SELECT id, price, row_number() OVER () - 1 AS n FROM items)
INSERT INTO orders (id, customer_id, item_id, quantity, unit_price, total, date_created, date_modified, version)
SELECT gen_random_uuid(), c.id, i.id, 1 + g % 7, i.price, i.price * (1 + g % 7), now() - (g % 43200) * interval '1 minute', now(), 1
FROM generate_series(1, :orders) g JOIN c ON c.n = g % 1000 JOIN i ON i.n = g % 50;
INSERT INTO sms_notifications (id, order_id, recipient, message, status, attempts, next_attempt_at, date_created, date_modified)
SELECT gen_random_uuid(), o.id, '+254712345678', 'Hello, your order is ready for pickup.', 'sent', 1, now(), o.date_created, now() FROM orders o;
ANALYZE customers, items, orders, sms_notifications;
SQL

echo "== app on 127.0.0.1:$PORT"
(cd "$work/app" && exec dotnet CustOrder.Api.dll --urls "http://127.0.0.1:$PORT") >"$work/app.log" 2>&1 &
app_pid=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 60); do curl -sf "$base/health/live" >/dev/null && break; sleep 0.5; done
jar="$work/cookies"
token=$(curl -s -c "$jar" "$base/accounts/login/" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$token" \
  -d Username=bench --data-urlencode 'Password=a long passphrase' "$base/accounts/login/"
kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$app_pid/status"; }

# Warm up: the dashboard (which also reads 30 days of orders) and a one-customer export.
curl -sf -b "$jar" -o /dev/null "$base/admin/"
curl -sf -b "$jar" -o /dev/null "$base/admin/orders/export.csv?size=S&from=2099-01-01"
before_rss=$(kib VmRSS) before_hwm=$(kib VmHWM)

echo "== export"
peak=0
curl -sf -b "$jar" -o "$work/orders.csv" -w '%{size_download} bytes in %{time_total} s\n' "$base/admin/orders/export.csv" > "$work/curl.out" &
curl_pid=$!
while kill -0 "$curl_pid" 2>/dev/null; do
  rss=$(kib VmRSS); [ "$rss" -gt "$peak" ] && peak=$rss
  sleep 0.05
done
wait "$curl_pid"
after_hwm=$(kib VmHWM)
rows=$(($(wc -l <"$work/orders.csv") - 1))
echo "rows: $rows ($(cat "$work/curl.out"))"
echo "before export: VmRSS $((before_rss / 1024)) MiB, VmHWM $((before_hwm / 1024)) MiB"
echo "during export: peak VmRSS sampled $((peak / 1024)) MiB; VmHWM after $((after_hwm / 1024)) MiB"
[ "$rows" -eq "$ORDERS" ] || { echo "expected $ORDERS rows" >&2; exit 1; }
