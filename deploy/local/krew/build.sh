#!/usr/bin/env bash
# Build the krew CLI (the kubectl plugin manager) from the Go module in this directory into a
# per-version cache, reusing a binary already built: deploy/kubectl/check.sh installs the plugin's
# release with it.
#
#   deploy/local/krew/build.sh            build if missing, print the bin dir
#   deploy/local/krew/build.sh --bin-dir  only print the bin dir (no build)
#   deploy/local/krew/build.sh --force    rebuild
#
# A module of its own, like ../helm: krew's dependencies are not the control plane's.
#
# Env: NETPLANE_CACHE (default ~/.cache/netplane). The binary lands in
# $NETPLANE_CACHE/krew-<version>/bin/krew; the build log is next to bin/.
# The last line on stdout is always the bin dir:  BIN=$(deploy/local/krew/build.sh | tail -n1)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { echo "[krew-build] $*" >&2; }

# shellcheck source=../gobuild.sh
source "$HERE/../gobuild.sh"
module_cache "$HERE/go.mod" sigs.k8s.io/krew krew
build_mode "$@"
STAMP="$(cat "$HERE/go.mod" "$HERE/go.sum" | sha256sum | cut -c1-16)"

if [[ $FORCE == 0 && -x "$BIN/krew" && "$(cat "$BIN/.source" 2>/dev/null)" == "$STAMP" ]]; then
  log "krew: cached ($BIN/krew)"
  echo "$BIN"
  exit 0
fi

require_go "$HERE/go.mod"
log "building krew $VERSION into $BIN (log: $LOG)"
mkdir -p "$BIN"
TMP="$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
go_build_logged "$HERE" -trimpath -ldflags "-s -w -X sigs.k8s.io/krew/internal/version.gitTag=$VERSION" \
  -o "$TMP/krew" sigs.k8s.io/krew/cmd/krew
mv -f "$TMP/krew" "$BIN/krew"
echo "$STAMP" >"$BIN/.source"
log "krew: built in ${BUILD_SECS}s"
echo "$BIN"
