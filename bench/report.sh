#!/usr/bin/env bash
# Writes the markdown report of a bench run from the rows bench/run collected (stdout).
# Usage: report.sh ROWS.tsv TOP-STATEMENTS.md, with the run's figures in the environment.
set -euo pipefail
rows=$1 top=$2

printf '# CustOrder bench, %s, commit %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$COMMIT"
if [[ -n "$BENCH_NOTE" ]]; then printf '**Note:** %s\n\n' "$BENCH_NOTE"; fi
cat <<HEAD
Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM;
load average $LOAD_START at the start, $LOAD_END at the end. wrk $THREADS threads × $CONNECTIONS connections,
${WARMUP} s warm-up then ${DURATION} s per scenario$( [[ "$QUICK" == true ]] && echo " (quick mode)" ), after ${JIT_WARMUP} s of all six API scenarios
(the JIT's warm-up; a cold start, GET customer in the first seconds after start: ${COLD_RPS:-not measured} req/s).
Data: $CUSTOMERS customers, $ITEMS items, $ORDERS orders (each with its SMS sent). The app: Release,
Production settings, log SMS gateway, log level Warning, PostgreSQL $(psql -X -At -d postgres -c 'SHOW server_version' | cut -d ' ' -f 1)
on loopback (a cluster of the bench's own: shared_buffers 256MB, fsync on, pg_stat_statements loaded).

## Scenarios

| scenario | req/s | p50 ms | p99 ms | max ms | non-2xx | socket errors | SQL statements / request | app CPU ms / request | DB CPU ms / request | peak RSS MB |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
HEAD
awk -F '\t' '{
  statuses = ($10 == "" ? "" : " (" $10 ")")
  per = ($3 > 0 ? 1 / $3 : 0)
  printf "| %s | %.0f | %.2f | %.2f | %.1f | %d%s | %d | %.2f | %.3f | %.3f | %.0f |\n", $2, $4, $5 / 1000, $6 / 1000, $7 / 1000, $8, statuses, $9, $11 * per, $13 * per, $14 * per, $12 / 1024
}' "$rows"
if [[ -n "$PGBENCH_TPS" ]]; then
  printf '| pgbench -S (scale %s, %s clients) | %.0f TPS | | | | | | | | | |\n' "$PGBENCH_SCALE" "$CONNECTIONS" "$PGBENCH_TPS"
fi

cat <<MID

Peak RSS of the app: $(awk -v kb="$PEAK_KB" 'BEGIN { printf "%.0f MB", kb / 1024 }') (VmHWM; $(awk -v kb="$STARTUP_KB" 'BEGIN { printf "%.0f MB", kb / 1024 }') after start-up,
$(awk -v kb="$RSS_END_KB" 'BEGIN { printf "%.0f MB", kb / 1024 }') resident at the end). SMS not yet sent at the end: $PENDING_SMS.
SMS dispatcher (log gateway): ${DRAIN_NOTE:-not measured}.
SQL statements per request: calls counted by pg_stat_statements for the app's role during the measured
seconds (transaction control included; the SMS dispatcher's polling included), divided by wrk's requests.
CPU per request: user + system time of the app process and of the PostgreSQL server processes during
the measured seconds, divided by the requests (on a busy machine the steadier figure; wrk's own CPU is not in it).

MID

# Goals: the original Django app's figures on this kind of machine.
get_rps=$(awk -F '\t' '$1 == "get_customer" { print $4 }' "$rows")
value() { awk -F '\t' -v n="$1" -v c="$2" '$1 == n { print $c }' "$rows"; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo pass; else echo "**fail**"; fi; }
echo "## Goals"
echo
echo "| goal | target | measured | result |"
echo "|---|---|---|---|"
if [[ -n "$get_rps" && -n "$PGBENCH_TPS" ]]; then
  ratio=$(awk -v a="$get_rps" -v b="$PGBENCH_TPS" 'BEGIN { printf "%.2f", a / b }')
  echo "| GET customer req/s vs pgbench -S TPS (same run) | ≥ 0.5× | $(printf '%.0f' "$get_rps") / $(printf '%.0f' "$PGBENCH_TPS") = ${ratio}× | $(verdict "$ratio >= 0.5") |"
fi
for spec in "post_order:POST order:1920" "post_customer:POST customer:2370" "patch_item:PATCH item:2350"; do
  IFS=: read -r name label target <<<"$spec"
  rps=$(value "$name" 4); bad=$(value "$name" 8); errors=$(value "$name" 9)
  [[ -z "$rps" ]] && continue
  echo "| $label req/s, no errors (10× the original) | ≥ $target, 0 errors | $(printf '%.0f' "$rps"), $((bad + errors)) errors | $(verdict "$rps >= $target && $bad + $errors == 0") |"
done
rps=$(value list_orders 4)
[[ -n "$rps" ]] && echo "| GET orders?limit=50 over $ORDERS orders | ≥ 1,000 req/s | $(printf '%.0f' "$rps") | $(verdict "$rps >= 1000") |"
# p99: a tenth of the original's p99 for the same kind of request (GET customer 107 ms, lists and
# PATCH as the original's GET items 230 ms, POST order 242 ms, POST customer 193 ms).
for spec in "get_customer:GET customer:10.7" "list_orders:GET orders list:23.0" "orders_by_customer:GET orders by customer:23.0" \
            "post_order:POST order:24.2" "post_customer:POST customer:19.3" "patch_item:PATCH item:23.0"; do
  IFS=: read -r name label target <<<"$spec"
  p99=$(value "$name" 6)
  [[ -z "$p99" ]] && continue
  ms=$(awk -v us="$p99" 'BEGIN { printf "%.2f", us / 1000 }')
  echo "| p99 $label (a tenth of the original's) | ≤ $target ms | $ms ms | $(verdict "$ms <= $target") |"
done
peak_mb=$(awk -v kb="$PEAK_KB" 'BEGIN { printf "%.0f", kb / 1024 }')
echo "| peak RSS | < 250 MB | $peak_mb MB | $(verdict "$peak_mb < 250") |"
for kind in first deep; do
  small=$(awk -F '\t' -v k="scale_$kind" 'index($1, k "_") == 1 { print $6; exit }' "$rows")
  large=$(awk -F '\t' -v k="scale_$kind" 'index($1, k "_") == 1 { v = $6 } END { print v }' "$rows")
  [[ -z "$small" || -z "$large" || "$small" == "$large" && $(grep -c "scale_$kind" "$rows") -lt 2 ]] && continue
  ratio=$(awk -v a="$large" -v b="$small" 'BEGIN { printf "%.2f", a / b }')
  what=$([[ $kind == first ]] && echo "first page" || echo "offset near the end")
  echo "| p99 of orders?limit=50, $what: large vs small list | ≤ 1.5 | $(awk -v us="$large" 'BEGIN { printf "%.2f", us / 1000 }') / $(awk -v us="$small" 'BEGIN { printf "%.2f", us / 1000 }') ms = ${ratio} | $(verdict "$ratio <= 1.5") |"
done
echo
echo "The original (Django, 2 workers, same wrk settings): GET customer 482 req/s p99 107 ms; GET items 235 req/s"
echo "p99 230 ms; POST order 192 req/s p99 242 ms; POST customer 237 req/s p99 193 ms; pgbench -S 8,927 TPS."
echo
echo "<details><summary>The SQL statements that took the server longest, per scenario (execution time; planning and waits for locks or the client not included)</summary>"
echo
cat "$top"
echo "</details>"
