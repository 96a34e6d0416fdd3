#!/usr/bin/env bash
# Stop the local control plane started by up.sh and remove its state dir.
# Idempotent: running it with nothing up is fine.
#
#   NETPLANE_LOCAL_DIR   state dir (default /tmp/netplane-local)
#   NETPLANE_KEEP_STATE  1 = stop processes but keep the dir (logs, certs, etcd data)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${NETPLANE_LOCAL_DIR:-/tmp/netplane-local}"
RUN="$STATE/run"
log() { echo "[down] $*" >&2; }

if [[ ! -d "$STATE" ]]; then
  log "nothing to do: $STATE does not exist"
  exit 0
fi
if [[ ! -f "$STATE/.netplane-local" ]]; then
  log "ERROR: $STATE was not created by up.sh (no .netplane-local marker); not touching it"
  exit 1
fi

# stop NAME: TERM, wait up to 15s, then KILL. The pid is only trusted if that
# process's command line still mentions our state dir (guards against pid reuse).
stop() {
  local name="$1" pid i
  pid="$(cat "$RUN/$name.pid" 2>/dev/null)" || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$STATE"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not exit after 15s, killing"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
  fi
  rm -f "$RUN/$name.pid"
}

# Reverse start order: clients before the servers they talk to (fake-cloud.sh's server first).
for name in fake-cloud kube-scheduler kube-apiserver etcd; do stop "$name"; done

# Check every port we allocated is really free again.
# shellcheck source=ports.sh
source "$HERE/ports.sh"
busy=""
if [[ -f "$STATE/ports.env" ]]; then
  while IFS='=' read -r key port; do
    [[ -n "$port" ]] || continue
    for _ in $(seq 1 20); do port_in_use "$port" || break; sleep 0.5; done
    port_in_use "$port" && busy+=" $key=$port"
  done <"$STATE/ports.env"
fi
if [[ -n "$busy" ]]; then
  log "ERROR: ports still in use after stopping:$busy (see $STATE/logs)"
  exit 1
fi

if [[ "${NETPLANE_KEEP_STATE:-0}" == 1 ]]; then
  log "stopped; state kept in $STATE"
else
  rm -rf "$STATE"
  log "stopped; removed $STATE"
fi
