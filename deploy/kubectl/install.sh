#!/usr/bin/env bash
# Installs the kubectl plugin: kubectl-netplane and the extender's jar into DIR (default
# ~/.local/bin), which must be on PATH for `kubectl netplane` to work.
#
#   deploy/kubectl/install.sh [DIR]
#
# The jar is NETPLANE_JAR, else extender/target/netplane-extender.jar, built with
# `./mvnw -pl extender -am package -DskipTests` when missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIR="${1:-$HOME/.local/bin}"
JAR="${NETPLANE_JAR:-$ROOT/extender/target/netplane-extender.jar}"

if [[ ! -f "$JAR" ]]; then
  if [[ -n "${NETPLANE_JAR:-}" ]]; then
    echo "error: NETPLANE_JAR=$JAR does not exist" >&2
    exit 1
  fi
  echo "building $JAR"
  (cd "$ROOT" && ./mvnw -B -q -pl extender -am package -DskipTests)
fi

mkdir -p "$DIR"
install -m 0755 "$HERE/kubectl-netplane" "$DIR/kubectl-netplane"
install -m 0644 "$JAR" "$DIR/netplane-extender.jar"
echo "installed $DIR/kubectl-netplane and $DIR/netplane-extender.jar"

case ":$PATH:" in
  *":$DIR:"*) echo "try: kubectl netplane why-pending -A" ;;
  *) echo "add $DIR to PATH, then try: kubectl netplane why-pending -A" ;;
esac
