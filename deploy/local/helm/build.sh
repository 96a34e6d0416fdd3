#!/usr/bin/env bash
# Build the helm CLI from the Go module in this directory into a per-version
# cache, reusing a binary already built.
#
#   deploy/local/helm/build.sh            build if missing, print the bin dir
#   deploy/local/helm/build.sh --bin-dir  only print the bin dir (no build)
#   deploy/local/helm/build.sh --force    rebuild
#
# A module of its own (not ../go.mod): helm v3.22.0 needs k8s.io/* v0.37 and
# Go 1.26, while ../go.mod pins Kubernetes v1.33.13 with etcd 3.5; one module
# would lift the control plane's dependencies to versions it was never built with.
#
# Env: NETPLANE_CACHE (default ~/.cache/netplane). The binary lands in
# $NETPLANE_CACHE/helm-<version>/bin/helm; the build log is next to bin/.
# The last line on stdout is always the bin dir:  BIN=$(deploy/local/helm/build.sh | tail -n1)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { echo "[helm-build] $*" >&2; }

# shellcheck source=../gobuild.sh
source "$HERE/../gobuild.sh"
module_cache "$HERE/go.mod" helm.sh/helm/v3 helm
HELM_VERSION="$VERSION"
build_mode "$@"

version_ok() {
  [[ -x "$BIN/helm" ]] || return 1
  [[ "$("$BIN/helm" version --template '{{.Version}}' 2>/dev/null)" == "$HELM_VERSION" ]]
}

if [[ $FORCE == 0 ]] && version_ok; then
  log "helm: cached ($BIN/helm)"
  echo "$BIN"
  exit 0
fi

require_go "$HERE/go.mod"
log "building helm $HELM_VERSION into $BIN (log: $LOG)"

mkdir -p "$BIN"
TMP="$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# The stamps of helm's Makefile: the release version, and the Kubernetes
# version helm reports to charts (.Capabilities.KubeVersion) and lint uses,
# taken from the client-go it is built with.
CLIENT_GO="$(awk '$1=="k8s.io/client-go" && $2 ~ /^v/ {print $2; exit}' "$HERE/go.mod")"
K8S_MINOR="${CLIENT_GO#v0.}"; K8S_MINOR="${K8S_MINOR%%.*}"
LDFLAGS="-s -w"
LDFLAGS+=" -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
LDFLAGS+=" -X helm.sh/helm/v3/internal/version.metadata="
LDFLAGS+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
  LDFLAGS+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$K8S_MINOR"
done

go_build_logged "$HERE" -trimpath -ldflags "$LDFLAGS" -o "$TMP/helm" helm.sh/helm/v3/cmd/helm

mv -f "$TMP/helm" "$BIN/helm"
if ! version_ok; then
  log "ERROR: $BIN/helm was built but does not report version $HELM_VERSION"
  exit 1
fi
log "helm: built in ${BUILD_SECS}s"
echo "$BIN"
