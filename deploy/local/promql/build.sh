#!/usr/bin/env bash
# Build promql-names (main.go: parse the PromQL of rule files and dashboards, list the metrics
# they name) from the Prometheus Go module's parser into a per-version cache, reusing a binary
# already built.
#
#   deploy/local/promql/build.sh            build if missing, print the bin dir
#   deploy/local/promql/build.sh --bin-dir  only print the bin dir (no build)
#   deploy/local/promql/build.sh --force    rebuild
#
# A module of its own, like ../helm: Prometheus' dependencies are not the control plane's.
#
# Env: NETPLANE_CACHE (default ~/.cache/netplane). The binary lands in
# $NETPLANE_CACHE/promql-<prometheus module version>/bin/promql-names; the build log is next to
# bin/. The last line on stdout is always the bin dir:  BIN=$(deploy/local/promql/build.sh | tail -n1)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { echo "[promql-build] $*" >&2; }

# shellcheck source=../gobuild.sh
source "$HERE/../gobuild.sh"
module_cache "$HERE/go.mod" github.com/prometheus/prometheus promql
build_mode "$@"
# The source is part of this repository, so a changed main.go means a rebuild.
STAMP="$(cat "$HERE/main.go" "$HERE/go.mod" "$HERE/go.sum" | sha256sum | cut -c1-16)"

if [[ $FORCE == 0 && -x "$BIN/promql-names" && "$(cat "$BIN/.source" 2>/dev/null)" == "$STAMP" ]]; then
  log "promql-names: cached ($BIN/promql-names)"
  echo "$BIN"
  exit 0
fi

require_go "$HERE/go.mod"
log "building promql-names (prometheus $VERSION) into $BIN (log: $LOG)"
mkdir -p "$BIN"
TMP="$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
go_build_logged "$HERE" -trimpath -ldflags "-s -w" -o "$TMP/promql-names" .
mv -f "$TMP/promql-names" "$BIN/promql-names"
echo "$STAMP" >"$BIN/.source"
log "promql-names: built in ${BUILD_SECS}s"
echo "$BIN"
