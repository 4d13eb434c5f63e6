#!/usr/bin/env bash
# Start-up benchmark of the real distribution (issue 3): cold start to console answering, idle
# resident memory, and console upload to Dialect service registered. Loopback only; bounded.
# Usage: itests/benchmarks/startup.sh [runs]   (build first: ./mvnw -B install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
DIST=distribution/target/illbridge
JAR=itests/org.illbridge.itests.dialect.example/target/org.illbridge.itests.dialect.example-0.1.0-SNAPSHOT.jar
[ -x "$DIST/bin/illbridge" ] && [ -f "$JAR" ] || { echo "build first: ./mvnw -B install -DskipTests" >&2; exit 1; }
OUT=itests/benchmarks/startup.md
PORT=18080
PW=benchmark-password-123
now_ms() { date +%s%3N; }
LOAD=$(cut -d" " -f1-3 /proc/loadavg)
starts=(); ready=(); rss=(); uploads=()
for i in $(seq 1 "$RUNS"); do
  W=$(mktemp -d); cp -r "$DIST"/. "$W"/
  echo "$PW" | "$W/bin/illbridge" passwd admin >/dev/null
  t0=$(now_ms)
  JAVA_OPTS="-Xms64m -Xmx512m -XX:+UseSerialGC -Dorg.osgi.service.http.port=$PORT" \
    "$W/bin/illbridge" > "$W/out.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/system/console/bundles" || true)
    [ "$code" = 401 ] && break; sleep 0.02
  done
  t1=$(now_ms); starts+=($((t1 - t0)))
  for _ in $(seq 1 1500); do grep -q "ILL Bridge is running" "$W/out.log" && break; sleep 0.02; done
  ready+=($(( $(now_ms) - t0 )))
  sleep 20
  rss+=($(( $(ps -o rss= -p "$pid") / 1024 )))
  t2=$(now_ms)
  curl -s -o /dev/null -u "admin:$PW" -F action=install -F bundlestart=start -F "bundlefile=@$JAR" \
    "http://127.0.0.1:$PORT/system/console/bundles"
  for _ in $(seq 1 500); do
    n=$(curl -s -u "admin:$PW" "http://127.0.0.1:$PORT/system/console/services.json" \
        | grep -o '"types":"\[org.illbridge.api.dialect.Dialect\]"[^}]*"bundleSymbolicName":"org.illbridge.itests.dialect.example"' | wc -l || true)
    [ "$n" -ge 1 ] && break; sleep 0.02
  done
  t3=$(now_ms); uploads+=($((t3 - t2)))
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$W"
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %d, min %d, max %d", a[int((NR+1)/2)], a[1], a[NR]}'; }
{
  echo "# Start-up benchmark (issue 3)"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $RUNS runs, by \`itests/benchmarks/startup.sh\`;"
  echo "load average before the runs: $LOAD."
  echo
  echo "| measure | result | target |"
  echo "|---|---|---|"
  echo "| cold start to console answering (ms) | $(stats "${starts[@]}") | < 3000 |"
  echo "| cold start to every bundle started, first start incl. creating the Derby schema (ms) | $(stats "${ready[@]}") | |"
  echo "| idle resident memory after 20 s (MB) | $(stats "${rss[@]}") | < 250 |"
  echo "| console upload to Dialect service registered (ms) | $(stats "${uploads[@]}") | < 2000 |"
} > "$OUT"
cat "$OUT"
