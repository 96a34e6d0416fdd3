#!/usr/bin/env bash
# Builds the Krew release of `kubectl netplane`: OUT_DIR/kubectl-netplane-<version>.tar.gz
# (kubectl-netplane and netplane-extender.jar at its root) and OUT_DIR/netplane.yaml, the manifest
# of deploy/kubectl/netplane.yaml with its uri made absolute (BASE_URL/<archive>) and the
# archive's sha256 added: what the Krew index gets and the release attaches.
#
#   deploy/kubectl/release.sh OUT_DIR BASE_URL
#   e.g. deploy/kubectl/release.sh dist https://github.com/ORG/netplane/releases/download/v0.1.0
#
# The jar is NETPLANE_JAR, else extender/target/netplane-extender.jar (./mvnw package).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
if [[ $# -ne 2 ]]; then
  echo "usage: $0 OUT_DIR BASE_URL" >&2
  exit 2
fi
OUT="$1"
BASE_URL="${2%/}"
JAR="${NETPLANE_JAR:-$ROOT/extender/target/netplane-extender.jar}"
MANIFEST="$HERE/netplane.yaml"

if [[ ! -f "$JAR" ]]; then
  echo "error: $JAR not found: run ./mvnw -pl extender -am package -DskipTests (or set NETPLANE_JAR)" >&2
  exit 1
fi
# the one relative uri of the manifest is the archive's name
ARCHIVE="$(sed -n 's/^ *uri: *\([^ ]*\) *$/\1/p' "$MANIFEST")"
if [[ -z "$ARCHIVE" || "$ARCHIVE" == *"/"* || $(grep -c '^ *uri:' "$MANIFEST") -ne 1 ]]; then
  echo "error: $MANIFEST must have exactly one uri, the archive's file name" >&2
  exit 1
fi

mkdir -p "$OUT"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
install -m 0755 "$HERE/kubectl-netplane" "$STAGE/kubectl-netplane"
install -m 0644 "$JAR" "$STAGE/netplane-extender.jar"
# fixed owner, order and times: the same inputs give the same archive
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='1970-01-01 00:00:00Z' \
  -C "$STAGE" -cf - kubectl-netplane netplane-extender.jar | gzip -n > "$OUT/$ARCHIVE"
SHA256="$(sha256sum "$OUT/$ARCHIVE" | cut -d' ' -f1)"

sed -e "s|^\( *\)uri: *$ARCHIVE *\$|\1uri: $BASE_URL/$ARCHIVE\n\1sha256: $SHA256|" \
  "$MANIFEST" > "$OUT/netplane.yaml"
echo "$OUT/$ARCHIVE sha256 $SHA256"
echo "$OUT/netplane.yaml"
