#!/usr/bin/env bash
# Check the kubectl plugin's packaging for real:
#
#  1. deploy/kubectl/netplane.yaml is a Krew Plugin named netplane at the project's version, with
#     one platform whose uri is the release archive's name (relative) and no sha256 yet, bin
#     kubectl-netplane, and files naming exactly what release.sh puts in the archive;
#  2. release.sh builds the archive and fills uri and sha256; Krew itself (v0.4.3, built from its
#     Go module by deploy/local/krew/build.sh) installs that manifest from the archive into a
#     scratch KREW_ROOT, and refuses the archive once a byte of it changed;
#  3. the Krew-installed kubectl-netplane runs (through its symbolic link) and lists its commands,
#     kubectl (deploy/local's build) finds it as `kubectl netplane`, install.sh installs a
#     working copy into a scratch DIR, and a bad --kubeconfig is one error line with exit code 1.
#
#   deploy/kubectl/check.sh
#
# Needs: Go (builds krew once, then cached), Java 17+. The extender jar is built (mvnw package, by
# install.sh) when extender/target/netplane-extender.jar is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MANIFEST="$HERE/netplane.yaml"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

log() { echo "[kubectl-check] $*"; }
fail() { echo "[kubectl-check] FAIL: $*" >&2; exit 1; }

# ------------------------------------------------------------------ 1. the manifest
POM_VERSION="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$ROOT/pom.xml" | head -n1)"
VERSION="v${POM_VERSION%-SNAPSHOT}"
ARCHIVE="kubectl-netplane-$VERSION.tar.gz"
grep -qx 'apiVersion: krew.googlecontainertools.github.com/v1alpha2' "$MANIFEST" || fail "apiVersion"
grep -qx 'kind: Plugin' "$MANIFEST" || fail "kind is not Plugin"
grep -qx '  name: netplane' "$MANIFEST" || fail "metadata.name is not netplane (krew wants netplane.yaml to name netplane)"
grep -qx "  version: $VERSION" "$MANIFEST" || fail "spec.version is not $VERSION (the project's version)"
[[ "$(grep -c '^ *- selector:' "$MANIFEST")" == 1 ]] || fail "expected one platform (the archive is the same everywhere Java runs)"
[[ "$(grep -c '^ *uri:' "$MANIFEST")" == 1 ]] && grep -qx "      uri: $ARCHIVE" "$MANIFEST" \
  || fail "the platform's uri is not the release archive's name $ARCHIVE"
! grep -q '^ *sha256:' "$MANIFEST" || fail "sha256 belongs to a built archive: release.sh adds it"
grep -qx '      bin: kubectl-netplane' "$MANIFEST" || fail "bin is not kubectl-netplane"
FILES="$(sed -n 's/^ *- from: *//p' "$MANIFEST" | sort | tr '\n' ' ')"
[[ "$FILES" == "kubectl-netplane netplane-extender.jar " ]] || fail "files are '$FILES', not the archive's content"
log "manifest: Plugin netplane $VERSION, uri $ARCHIVE (relative, no sha256), bin and files as the archive holds them"

# ------------------------------------------------------------------ 2. release and Krew
# install.sh builds the jar when it is missing; its copy is run in part 3
JAR="${NETPLANE_JAR:-$ROOT/extender/target/netplane-extender.jar}"
[[ -f "$JAR" ]] || log "building $JAR"
"$HERE/install.sh" "$WORK/bin" >/dev/null
KREW="$("$ROOT/deploy/local/krew/build.sh" | tail -n1)/krew"
"$HERE/release.sh" "$WORK/release" "https://releases.example.invalid/netplane/$VERSION" >/dev/null
tar -tzf "$WORK/release/$ARCHIVE" | sort | tr '\n' ' ' | grep -qx "kubectl-netplane netplane-extender.jar " \
  || fail "the archive does not hold exactly kubectl-netplane and netplane-extender.jar"
grep -qx "      uri: https://releases.example.invalid/netplane/$VERSION/$ARCHIVE" "$WORK/release/netplane.yaml" \
  || fail "release.sh did not make the uri absolute"
grep -qx "      sha256: $(sha256sum "$WORK/release/$ARCHIVE" | cut -d' ' -f1)" "$WORK/release/netplane.yaml" \
  || fail "release.sh did not add the archive's sha256"
# the same inputs give the same archive (Krew indexes pin its sha256)
"$HERE/release.sh" "$WORK/again" "https://releases.example.invalid/netplane/$VERSION" >/dev/null
cmp -s "$WORK/release/$ARCHIVE" "$WORK/again/$ARCHIVE" || fail "release.sh is not reproducible"

KREW_ROOT="$WORK/krew" "$KREW" install --manifest="$WORK/release/netplane.yaml" \
  --archive="$WORK/release/$ARCHIVE" </dev/null >"$WORK/krew.log" 2>&1 \
  || { cat "$WORK/krew.log" >&2; fail "krew install of the released manifest failed"; }
cp "$WORK/release/$ARCHIVE" "$WORK/tampered.tar.gz"
printf 'x' | dd of="$WORK/tampered.tar.gz" bs=1 seek=100 conv=notrunc status=none
if KREW_ROOT="$WORK/krew-tampered" "$KREW" install --manifest="$WORK/release/netplane.yaml" \
  --archive="$WORK/tampered.tar.gz" </dev/null >"$WORK/krew-tampered.log" 2>&1; then
  fail "krew installed an archive whose sha256 differs from the manifest's"
fi
grep -q 'checksum does not match' "$WORK/krew-tampered.log" || { cat "$WORK/krew-tampered.log" >&2; fail "krew refused the tampered archive for another reason"; }
log "release: reproducible archive, absolute uri and sha256; krew $("$KREW" version 2>/dev/null | sed -n 's/^GitTag *//p') installs it, refuses it tampered"

# ------------------------------------------------------------------ 3. it runs
HELP="$("$WORK/krew/bin/kubectl-netplane" --help)"
for cmd in why-pending explain status simulate lint; do
  grep -q "^  $cmd " <<<"$HELP" || fail "kubectl-netplane --help does not list $cmd"
done
# kubectl of deploy/local's build when it is built (--bin-dir only prints where, for go.mod's version)
KUBECTL_BIN="$("$ROOT/deploy/local/build.sh" --bin-dir)"
if [[ -x "$KUBECTL_BIN/kubectl" ]]; then
  PATH="$WORK/krew/bin:$PATH" "$KUBECTL_BIN/kubectl" plugin list 2>/dev/null | grep -q "/kubectl-netplane$" \
    || fail "kubectl plugin list does not find kubectl-netplane"
  PATH="$WORK/krew/bin:$PATH" "$KUBECTL_BIN/kubectl" netplane why-pending --help | grep -q '^Usage: kubectl netplane why-pending' \
    || fail "kubectl netplane why-pending --help does not run the plugin"
  log "kubectl finds and runs it as kubectl netplane"
fi
"$WORK/bin/kubectl-netplane" status --help | grep -q '^Usage: kubectl netplane status' || fail "install.sh's copy does not run"
set +e
OUT="$("$WORK/bin/kubectl-netplane" status --kubeconfig "$WORK/none" 2>&1)"
CODE=$?
set -e
[[ $CODE == 1 && "$OUT" == "error: --kubeconfig $WORK/none is not a readable file" ]] \
  || fail "a bad --kubeconfig gave exit code $CODE and: $OUT"
log "the Krew and install.sh copies run; a bad --kubeconfig is one error line, exit code 1"
log "OK"
