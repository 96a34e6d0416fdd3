#!/usr/bin/env bash
# Render the plain manifests in deploy/manifests/ from the chart, one file per scheduler mode,
# keep the chart's copy of the FixedCidrPool CRD equal to deploy/crds/, and the repository's copy
# of the chart's Grafana dashboard (deploy/grafana/netplane.json) equal to the chart's.
#
#   deploy/helm/render.sh           copy the CRD into the chart and the dashboard out of it,
#                                   (re)write deploy/manifests/*.yaml
#   deploy/helm/render.sh --check   change nothing; exit 1 if the chart's CRD, the dashboard copy
#                                   or a committed manifest differs (shows the diff)
#
# Rendered as release "netplane" in namespace "netplane" with manifests-values.yaml: the default
# loopback topology (the extender beside each kube-scheduler on 127.0.0.1), which needs no
# certificates, so renders are reproducible.
# HELM: the helm binary (default: deploy/local/helm/build.sh builds or reuses it).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CHART="$HERE/netplane"
OUT="$ROOT/deploy/manifests"
CRD_SRC="$ROOT/deploy/crds"
CRD_DST="$CHART/crds"
RELEASE=netplane
NAMESPACE=netplane

CHECK=0
case "${1:-}" in
  --check) CHECK=1 ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

HELM="${HELM:-$("$ROOT/deploy/local/helm/build.sh" | tail -n1)/helm}"

# render MODE FILE
render() {
  local mode="$1" file="$2"
  {
    cat <<HDR
# netplane $(awk '$1=="appVersion:"{gsub(/"/,"",$2); print $2}' "$CHART/Chart.yaml"), scheduler.mode=$mode: rendered from deploy/helm/netplane by deploy/helm/render.sh
# (values: deploy/helm/manifests-values.yaml). Do not edit; change the chart and re-render.
#
# Before applying:
#  - set the region (and VPC) below, or re-render with your values:
#      helm template $RELEASE deploy/helm/netplane -n $NAMESPACE --include-crds -f my-values.yaml
#  - secondary: the extender is a sidecar of the netplane-scheduler pods (kube-scheduler calls it on
#    127.0.0.1, no TLS); the NetworkPolicy lets only namespace "monitoring" reach its health port.
#    control-plane: a DaemonSet on the control-plane hosts (host network); add the extenders block
#    of ConfigMap netplane-scheduler-extender to each host's kube-scheduler configuration
#    (deploy/helm/netplane/README.md, "Topologies")
#  - RRSA: the ServiceAccounts carry pod-identity.alibabacloud.com/role-name (the extender's role on
#    netplane-scheduler in secondary mode, where the extender runs in that pod); label the namespace
#    pod-identity.alibabacloud.com/injection=on (ack-pod-identity-webhook).
---
apiVersion: v1
kind: Namespace
metadata:
  name: $NAMESPACE
  labels:
    app.kubernetes.io/part-of: netplane
    pod-identity.alibabacloud.com/injection: "on"
HDR
    "$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" --include-crds \
      -f "$HERE/manifests-values.yaml" --set scheduler.mode="$mode"
  } >"$file"
}

STATUS=0
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# copy SRC DST: copy SRC to DST, or with --check report (and fail on) a DST that differs.
copy() {
  local src="$1" dst="$2"
  if [[ $CHECK == 1 ]]; then
    if ! cmp -s "$src" "$dst"; then
      echo "[render] $dst differs from $src (run deploy/helm/render.sh to copy it):" >&2
      diff -u "$src" "$dst" >&2 || true
      STATUS=1
    fi
  else
    mkdir -p "$(dirname "$dst")"
    cp "$src" "$dst"
  fi
}

for crd in "$CRD_SRC"/*.yaml; do
  copy "$crd" "$CRD_DST/$(basename "$crd")"
done
for dst in "$CRD_DST"/*.yaml; do
  [[ -f "$CRD_SRC/$(basename "$dst")" ]] || { echo "[render] $dst has no source in $CRD_SRC" >&2; STATUS=1; }
done
copy "$CHART/dashboards/netplane.json" "$ROOT/deploy/grafana/netplane.json"

for mode in secondary control-plane; do
  file="$OUT/netplane-$mode.yaml"
  if [[ $CHECK == 1 ]]; then
    render "$mode" "$TMP/out.yaml"
    if ! cmp -s "$TMP/out.yaml" "$file"; then
      echo "[render] $file is not what the chart renders (run deploy/helm/render.sh):" >&2
      diff -u "$file" "$TMP/out.yaml" >&2 || true
      STATUS=1
    else
      echo "[render] $file: up to date" >&2
    fi
  else
    mkdir -p "$OUT"
    render "$mode" "$file"
    echo "[render] wrote $file" >&2
  fi
done
exit $STATUS
