#!/usr/bin/env bash
# Build etcd, kube-apiserver, kube-scheduler and kubectl from the Go module in
# this directory into a per-version cache, reusing binaries already built.
#
#   deploy/local/build.sh               build what is missing, print the bin dir
#   deploy/local/build.sh --bin-dir     only print the bin dir (no build)
#   deploy/local/build.sh --force       rebuild everything
#
# Env: NETPLANE_CACHE (default ~/.cache/netplane). Binaries land in
# $NETPLANE_CACHE/k8s-<version>/bin; the build log is next to that bin dir.
# The last line on stdout is always the bin dir, so scripts can do
#   BIN=$(deploy/local/build.sh | tail -n1)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Versions come from go.mod so there is exactly one place to change them.
K8S_VERSION="$(awk '$1=="k8s.io/kubernetes" && $2 ~ /^v/ {print $2; exit}' "$HERE/go.mod")"
ETCD_VERSION="$(awk '$1=="go.etcd.io/etcd/server/v3" && $2 ~ /^v/ {print $2; exit}' "$HERE/go.mod")"
[[ -n "$K8S_VERSION" && -n "$ETCD_VERSION" ]] || { echo "build.sh: cannot read versions from $HERE/go.mod" >&2; exit 1; }

CACHE_ROOT="${NETPLANE_CACHE:-$HOME/.cache/netplane}/k8s-${K8S_VERSION}"
BIN="$CACHE_ROOT/bin"
LOG="$CACHE_ROOT/build.log"

log() { echo "[build] $*" >&2; }

# shellcheck source=gobuild.sh
source "$HERE/gobuild.sh"
build_mode "$@"

# The version string each binary must print; a mismatch (e.g. go.mod was bumped
# without changing the cache dir, or a half-written file) triggers a rebuild.
version_ok() {
  local name="$1" out
  [[ -x "$BIN/$name" ]] || return 1
  case "$name" in
    etcd)    out="$("$BIN/etcd" --version 2>/dev/null)" || return 1
             grep -q "etcd Version: ${ETCD_VERSION#v}\$" <<<"$out" ;;
    kubectl) out="$("$BIN/kubectl" version --client 2>/dev/null)" || return 1
             grep -q "Client Version: ${K8S_VERSION}\$" <<<"$out" ;;
    *)       out="$("$BIN/$name" --version 2>/dev/null)" || return 1
             [[ "$out" == "Kubernetes ${K8S_VERSION}" ]] ;;
  esac
}

ALL=(etcd kube-apiserver kube-scheduler kubectl)
MISSING=()
for b in "${ALL[@]}"; do
  if [[ $FORCE == 0 ]] && version_ok "$b"; then
    log "$b: cached ($BIN/$b)"
  else
    MISSING+=("$b")
  fi
done

if [[ ${#MISSING[@]} -eq 0 ]]; then
  echo "$BIN"
  exit 0
fi

require_go "$HERE/go.mod"
log "building ${MISSING[*]} (kubernetes $K8S_VERSION, etcd $ETCD_VERSION) into $BIN"
log "kube-apiserver alone takes several minutes on 2 cores; log: $LOG"

mkdir -p "$BIN"
TMP="$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# Same -X stamps as upstream hack/lib/version.sh, so --version, /version and
# kubectl's skew check report the real release instead of v0.0.0-master.
MAJOR="${K8S_VERSION#v}"; MINOR="${MAJOR#*.}"; MAJOR="${MAJOR%%.*}"; MINOR="${MINOR%%.*}"
LDFLAGS="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  LDFLAGS+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$MAJOR -X $pkg.gitMinor=$MINOR"
  LDFLAGS+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
done

PKGS=()
for b in "${MISSING[@]}"; do PKGS+=("./cmd/$b"); done

# One `go build` for all binaries shares the compiled package graph.
go_build_logged "$HERE" -trimpath -ldflags "$LDFLAGS" -o "$TMP/" "${PKGS[@]}"

# Move into place only after a complete, successful build.
for b in "${MISSING[@]}"; do
  mv -f "$TMP/$b" "$BIN/$b"
  if ! version_ok "$b"; then
    log "ERROR: $BIN/$b was built but does not report version ${K8S_VERSION}/${ETCD_VERSION}"
    exit 1
  fi
  log "$b: built"
done
log "done in ${BUILD_SECS}s"
echo "$BIN"
