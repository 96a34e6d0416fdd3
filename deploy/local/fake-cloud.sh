#!/usr/bin/env bash
# Start a fake Alibaba Cloud OpenAPI server (VPC, ECS, Container Service) on 127.0.0.1, seeded
# from recorded responses, so the nodepool-agent and the extender can be tried without a cloud.
# It speaks the wire protocol of the real V2 SDKs (ACS3-HMAC-SHA256 signatures included) and keeps
# node pools created or modified in memory. It is test code of the config module: it runs from
# config's test classes and never ships in a product jar.
#
#   deploy/local/fake-cloud.sh [--seed DIR] [--port N] [--region R]   start it (in the background)
#   deploy/local/fake-cloud.sh --stop                                  stop it (down.sh does too)
#
# Start it after up.sh: a fresh up.sh (and down.sh) stops it. Prints the env file to source.
# See README.md ("Fake cloud").
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STATE="${NETPLANE_LOCAL_DIR:-/tmp/netplane-local}"
LOGS="$STATE/logs"
RUN="$STATE/run"
MARKER="$STATE/.netplane-local"
WAIT_SECS="${NETPLANE_LOCAL_WAIT:-90}"
SEED="$HERE/fake-cloud"
REGION="cn-hangzhou"
PORT=""

log()  { echo "[fake-cloud] $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

stop() {
  local pid
  pid="$(cat "$RUN/fake-cloud.pid" 2>/dev/null)" || { log "not running"; return 0; }
  # only a process whose command line names our state dir (pid reuse)
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$STATE"; then
    log "stopping (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$RUN/fake-cloud.pid" "$STATE/fake-cloud.env"
  sed -i '/^FAKE_CLOUD_PORT=/d' "$STATE/ports.env" 2>/dev/null || true
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --seed) SEED="${2:?--seed needs a directory}"; shift 2 ;;
    --port) PORT="${2:?--port needs a number}"; shift 2 ;;
    --region) REGION="${2:?--region needs a region id}"; shift 2 ;;
    --stop) stop; exit 0 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done
[[ -d "$SEED" ]] || fail "seed directory '$SEED' does not exist"
SEED="$(cd "$SEED" && pwd)"
command -v java >/dev/null || fail "java (17+) is required but not on PATH"

# Shares the state dir of up.sh (so down.sh stops it); makes one when there is no cluster.
if [[ -d "$STATE" && -n "$(ls -A "$STATE" 2>/dev/null)" && ! -f "$MARKER" ]]; then
  fail "$STATE exists, is not empty and was not created by up.sh; set NETPLANE_LOCAL_DIR elsewhere"
fi
mkdir -p "$LOGS" "$RUN"
touch "$MARKER"
stop 2>/dev/null

# shellcheck source=ports.sh
source "$HERE/ports.sh"
[[ -n "$PORT" ]] || free_port PORT
port_in_use "$PORT" && fail "port $PORT is in use"

log "compiling the config module's test classes (Maven; about 30 s the first time)"
# exec:exec with "echo" prints the test classpath Maven resolves, so the server itself runs as a
# plain java process this script can stop by pid.
CP="$(cd "$ROOT" && ./mvnw -B -q ${NETPLANE_MAVEN_OFFLINE:+-o} -pl config test-compile exec:exec \
  -Dexec.executable=echo -Dexec.classpathScope=test -Dexec.args=%classpath 2>"$LOGS/fake-cloud-build.log")" \
  || { tail -n 40 "$LOGS/fake-cloud-build.log" >&2; fail "build failed, see $LOGS/fake-cloud-build.log"; }

ENV_FILE="$STATE/fake-cloud.env"
rm -f "$ENV_FILE"
# (no SLF4J provider on this classpath: the SDKs log nothing, and SLF4J need not say so)
setsid java -Dslf4j.internal.verbosity=ERROR -cp "$CP" io.netplane.config.cloud.fake.FakeCloudMain \
  --seed "$SEED" --region "$REGION" --port "$PORT" --env-file "$ENV_FILE" \
  >"$LOGS/fake-cloud.log" 2>&1 </dev/null &
echo $! >"$RUN/fake-cloud.pid"

for _ in $(seq 1 $((WAIT_SECS * 5))); do
  [[ -s "$ENV_FILE" ]] && break
  if ! kill -0 "$(cat "$RUN/fake-cloud.pid")" 2>/dev/null; then
    tail -n 20 "$LOGS/fake-cloud.log" >&2
    rm -f "$RUN/fake-cloud.pid"
    fail "the server exited during startup (log: $LOGS/fake-cloud.log)"
  fi
  sleep 0.2
done
[[ -s "$ENV_FILE" ]] || { stop; fail "not listening after ${WAIT_SECS}s (log: $LOGS/fake-cloud.log)"; }
echo "FAKE_CLOUD_PORT=$PORT" >>"$STATE/ports.env"
# shellcheck source=/dev/null
source "$ENV_FILE"

grep -m1 "^fake Alibaba Cloud on" "$LOGS/fake-cloud.log" >&2 || true
log "requests are logged to $LOGS/fake-cloud.log"
log "use it with: source $ENV_FILE, then --region \$NETPLANE_CLOUD_REGION --cloud-endpoint \$NETPLANE_CLOUD_ENDPOINT --cloud-protocol HTTP"
echo "$NETPLANE_CLOUD_ENDPOINT"
