#!/usr/bin/env bash
# Checks the image tarballs of `./mvnw -B package -Pimages` without Docker or a registry
# (deploy/images/README.md): each OCI archive is unpacked as a container runtime would (index.json,
# manifest, config, layers in order, digests verified), its configuration is checked (user 65532,
# entrypoint, arguments, ports), and its entrypoint is run with chroot as uid 65532 in private
# mount and PID namespaces, on a root filesystem mounted read-only with a tmpfs on /tmp:
#
#   extender:        java -version, keytool -list -cacerts; `serve --state <demo snapshot>`
#                    answers /healthz, /readyz and /explain
#   nodepool-agent:  java -version, keytool -list -cacerts; --help
#
# Usage: deploy/images/check.sh [EXTENDER_TAR [AGENT_TAR]]
#        (default: extender/target/jib-image.tar nodepool-agent/target/jib-image.tar)
# Needs root (CI runs as root); otherwise it tries a user namespace (unshare --map-root-user),
# where the entrypoint runs as the namespace's root instead of 65532. Needs jq, curl, tar,
# unshare and chroot; work files go to target/image-check (NETPLANE_CHECK_DIR to change).
set -euo pipefail

UID_EXPECTED=65532
repo=$(cd "$(dirname "$0")/../.." && pwd)

die() { echo "check.sh: FAIL: $*" >&2; exit 1; }
say() { echo "check.sh: $*"; }

# ------------------------------------------------------------------ inside the namespaces
# check.sh --inside NAME ROOTFS MODE: mounts and runs; MODE is root or userns.
mount_rootfs() {
  local rootfs=$1
  mount --bind "$rootfs" "$rootfs"
  mount -o remount,bind,ro "$rootfs"
  mount -t tmpfs -o mode=1777,size=64m tmpfs "$rootfs/tmp"
  mount -t proc proc "$rootfs/proc"
  mount --rbind /dev "$rootfs/dev"
  mount --rbind /sys "$rootfs/sys"
  if touch "$rootfs/.written" 2>/dev/null; then
    die "the root filesystem is writable"
  fi
}

# runner ROOTFS MODE: sets run to the command line that runs a program in the image, with the
# image's environment and as its user (a runtime adds HOME and HOSTNAME)
runner() {
  local rootfs=$1 mode=$2
  local -a envs userspec=()
  [[ "$mode" == root ]] && userspec=(--userspec="$UID_EXPECTED:$UID_EXPECTED")
  mapfile -t envs < "$(dirname "$rootfs")/env"
  run=(env -i "${envs[@]}" HOME=/home/nonroot HOSTNAME=check "$(command -v chroot)" "${userspec[@]}" "$rootfs")
}

inside() {
  local name=$1 rootfs=$2 mode=$3 dir
  dir=$(dirname "$rootfs")
  mount_rootfs "$rootfs"
  local -a entrypoint
  mapfile -t entrypoint < "$dir/entrypoint"
  local -a run
  runner "$rootfs" "$mode"

  say "$name: java -version"
  "${run[@]}" "${entrypoint[0]}" -XX:-UsePerfData -XshowSettings:properties -version > "$dir/java-version.txt" 2>&1 \
    || { cat "$dir/java-version.txt" >&2; die "$name: java -version failed"; }
  grep -q 'java.home = /opt/java$' "$dir/java-version.txt" || die "$name: java.home is not /opt/java"
  grep -q 'sun.jnu.encoding = UTF-8' "$dir/java-version.txt" || die "$name: the locale is not UTF-8"
  grep 'version "' "$dir/java-version.txt" | sed "s/^/check.sh:   /"
  local roots
  roots=$("${run[@]}" /opt/java/bin/keytool -J-XX:-UsePerfData -list -cacerts -storepass changeit 2>&1 | grep -c trustedCertEntry || true)
  [[ "$roots" -gt 50 ]] || die "$name: the Java trust store has $roots CA certificates"
  say "  trust store: $roots CA certificates"

  case "$name" in
    extender) check_extender "$rootfs" "$mode" ;;
    nodepool-agent) check_agent "$rootfs" "$mode" ;;
  esac
  if compgen -G "$rootfs/tmp/hsperfdata_*" >/dev/null; then
    die "$name: the JVM wrote hsperfdata to /tmp"
  fi
}

check_extender() {
  local rootfs=$1 mode=$2 dir port pid i status
  dir=$(dirname "$rootfs")
  local -a entrypoint
  mapfile -t entrypoint < "$dir/entrypoint"
  port=$(free_port)
  local who=$UID_EXPECTED
  [[ "$mode" == root ]] || who="the namespace's root"
  say "extender: serve --state /check/cluster --listen 127.0.0.1:$port (read-only root, as $who)"
  local -a run
  runner "$rootfs" "$mode"
  "${run[@]}" "${entrypoint[@]}" serve --state /check/cluster --listen "127.0.0.1:$port" \
    > "$dir/serve.log" 2>&1 &
  pid=$!
  status=
  for ((i = 0; i < 120; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$dir/serve.log" >&2
      die "extender: serve exited before answering /healthz"
    fi
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)
    [[ "$status" == 200 ]] && break
    sleep 0.5
  done
  [[ "$status" == 200 ]] || { tail -n 40 "$dir/serve.log" >&2; die "extender: /healthz gave '$status' after 60 s"; }
  if [[ "$mode" == root ]]; then
    # the proc of this PID namespace
    grep -Eq "^Uid:[[:space:]]+$UID_EXPECTED[[:space:]]" "$rootfs/proc/$pid/status" || die "extender: serve does not run as uid $UID_EXPECTED"
  fi
  local path
  for path in /healthz /readyz '/explain?namespace=default&pod=shop-api-5d7c9b8f6-qz4hn'; do
    status=$(curl -s -o "$dir/response.json" -w '%{http_code}' "http://127.0.0.1:$port$path" || true)
    [[ "$status" == 200 ]] || { cat "$dir/response.json" >&2; die "extender: GET $path gave '$status'"; }
    say "  GET $path: $status"
  done
  kill "$pid"
  wait "$pid" || true
  say "  wrote to /tmp: $(cd "$rootfs/tmp" && find . -mindepth 1 -maxdepth 2 | tr '\n' ' ')"
}

check_agent() {
  local rootfs=$1 mode=$2 dir
  dir=$(dirname "$rootfs")
  local -a entrypoint
  mapfile -t entrypoint < "$dir/entrypoint"
  say "nodepool-agent: --help"
  local -a run
  runner "$rootfs" "$mode"
  "${run[@]}" "${entrypoint[@]}" --help > "$dir/help.txt" 2>&1 \
    || { cat "$dir/help.txt" >&2; die "nodepool-agent: --help failed"; }
  grep -q '^Usage:' "$dir/help.txt" || { cat "$dir/help.txt" >&2; die "nodepool-agent: --help printed no usage"; }
}

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port"
}

if [[ "${1:-}" == --inside ]]; then
  shift
  inside "$@"
  exit 0
fi

# ------------------------------------------------------------------ outside
extender_tar=${1:-$repo/extender/target/jib-image.tar}
agent_tar=${2:-$repo/nodepool-agent/target/jib-image.tar}

mode=root
if [[ $(id -u) -ne 0 ]]; then
  if [[ -z "${NETPLANE_CHECK_USERNS:-}" ]] && unshare --map-root-user true 2>/dev/null; then
    say "not root: running in a user namespace; the entrypoint runs as the namespace's root, not $UID_EXPECTED"
    NETPLANE_CHECK_USERNS=1 exec unshare --map-root-user --mount --pid --fork --propagation private "$0" "$extender_tar" "$agent_tar"
  fi
  [[ -n "${NETPLANE_CHECK_USERNS:-}" ]] || die "needs root, or user namespaces (unshare --map-root-user), to chroot into the images"
fi
[[ -n "${NETPLANE_CHECK_USERNS:-}" ]] && mode=userns

for tool in jq curl; do
  if ! command -v "$tool" >/dev/null && [[ "$mode" == root ]]; then
    say "installing $tool"
    apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null
  fi
done
for tool in jq curl tar unshare chroot sha256sum gzip; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

work=${NETPLANE_CHECK_DIR:-$repo/target/image-check}
rm -rf "$work"
mkdir -p "$work"

# blob DIGEST: the path of a blob of the unpacked archive, after checking its digest
blob() {
  local oci=$1 digest=$2 file
  [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || die "unexpected digest '$digest'"
  file=$oci/blobs/sha256/${digest#sha256:}
  [[ -f "$file" ]] || die "blob $digest missing from the archive"
  [[ "sha256:$(sha256sum < "$file" | cut -d' ' -f1)" == "$digest" ]] || die "blob $digest does not match its digest"
  echo "$file"
}

# unpack NAME TAR: target/image-check/NAME/{oci,rootfs,config.json,entrypoint,env}
unpack() {
  local name=$1 tar=$2 dir oci manifest config i layer diff_id
  [[ -f "$tar" ]] || die "$tar not found; build it with ./mvnw -B package -Pimages"
  dir=$work/$name
  oci=$dir/oci
  mkdir -p "$oci" "$dir/rootfs"
  tar -xf "$tar" -C "$oci"
  [[ "$(jq -r .imageLayoutVersion "$oci/oci-layout")" == 1.0.0 ]] || die "$name: not an OCI image layout"
  jq -e '.manifests | length == 1' "$oci/index.json" >/dev/null || die "$name: index.json should list one manifest"
  manifest=$(blob "$oci" "$(jq -r '.manifests[0].digest' "$oci/index.json")")
  jq -e '.mediaType == "application/vnd.oci.image.manifest.v1+json"' "$manifest" >/dev/null || die "$name: not an OCI manifest"
  config=$(blob "$oci" "$(jq -r .config.digest "$manifest")")
  cp "$config" "$dir/config.json"
  i=0
  for layer in $(jq -r '.layers[].digest' "$manifest"); do
    layer=$(blob "$oci" "$layer")
    diff_id=$(jq -r ".rootfs.diff_ids[$i]" "$config")
    [[ "sha256:$(gzip -dc "$layer" | sha256sum | cut -d' ' -f1)" == "$diff_id" ]] || die "$name: layer $i does not match diff_id $diff_id"
    if tar --warning=no-unknown-keyword -tzf "$layer" | grep -Eq '(^|/)\.wh\.'; then
      die "$name: layer $i has whiteout files; this check does not apply them"
    fi
    tar --warning=no-unknown-keyword -xzf "$layer" -C "$dir/rootfs"
    i=$((i + 1))
  done
  [[ "$i" == "$(jq '.rootfs.diff_ids | length' "$config")" ]] || die "$name: layers and diff_ids differ in number"
  jq -r '.config.Entrypoint[]' "$config" > "$dir/entrypoint"
  jq -r '.config.Env[]' "$config" > "$dir/env"
  say "$name: $(basename "$tar") $(du -h "$tar" | cut -f1), $i layers, $(du -sh "$dir/rootfs" | cut -f1) unpacked"
}

# check_config NAME EXPECTED_CMD_JSON PORT
check_config() {
  local name=$1 cmd=$2 port=$3 dir config rootfs java
  dir=$work/$name
  config=$dir/config.json
  rootfs=$dir/rootfs
  jq -e '.os == "linux" and .architecture == "amd64"' "$config" >/dev/null || die "$name: not a linux/amd64 image"
  jq -e --arg u "$UID_EXPECTED:$UID_EXPECTED" '.config.User == $u' "$config" >/dev/null \
    || die "$name: user is '$(jq -r .config.User "$config")', expected $UID_EXPECTED:$UID_EXPECTED"
  grep -q "^nonroot:x:$UID_EXPECTED:$UID_EXPECTED:" "$rootfs/etc/passwd" || die "$name: /etc/passwd has no nonroot $UID_EXPECTED"
  jq -e --argjson c "$cmd" '.config.Cmd == $c' "$config" >/dev/null \
    || die "$name: Cmd is $(jq -c .config.Cmd "$config"), expected $cmd"
  jq -e --arg p "$port/tcp" '.config.ExposedPorts | has($p)' "$config" >/dev/null || die "$name: port $port not exposed"
  jq -e '.config.Labels["org.opencontainers.image.version"] // "" | length > 0' "$config" >/dev/null || die "$name: no version label"
  java=$(head -n1 "$dir/entrypoint")
  [[ "$java" == /* && -x "$rootfs$java" ]] || die "$name: entrypoint '$java' is not an executable in the image"
  grep -qx -- '-XX:MaxRAMPercentage=75' "$dir/entrypoint" || die "$name: the heap is not sized from the memory limit"
  [[ -s "$rootfs/opt/java/lib/security/cacerts" ]] || die "$name: no Java CA certificates"
  [[ -s "$rootfs/etc/ssl/certs/ca-certificates.crt" ]] || die "$name: no CA bundle"
  [[ -z "$(find "$rootfs" -perm /6000 -print -quit)" ]] || die "$name: setuid or setgid files: $(find "$rootfs" -perm /6000)"
  [[ -z "$(find "$rootfs" -perm -o+w ! -path "$rootfs/tmp" -print -quit)" ]] \
    || die "$name: world-writable outside /tmp: $(find "$rootfs" -perm -o+w ! -path "$rootfs/tmp")"
  [[ -z "$(find "$rootfs" ! -user 0 -print -quit)" ]] || die "$name: files not owned by root"
  say "$name: config ok: user $(jq -r .config.User "$config"), cmd $(jq -c .config.Cmd "$config"), ports $(jq -c '.config.ExposedPorts | keys' "$config")"
}

# prepare NAME: what a runtime adds (mount points, /etc/hosts, /etc/resolv.conf) and the demo
# snapshot
prepare() {
  local rootfs=$work/$1/rootfs
  mkdir -p "$rootfs/proc" "$rootfs/dev" "$rootfs/sys" "$rootfs/check"
  printf '127.0.0.1 localhost check\n::1 localhost\n' > "$rootfs/etc/hosts"
  if [[ -f /etc/resolv.conf ]]; then cp /etc/resolv.conf "$rootfs/etc/resolv.conf"; fi
  cp -r "$repo/deploy/demo/cluster" "$rootfs/check/"
}

SECONDS=0
unpack extender "$extender_tar"
unpack nodepool-agent "$agent_tar"
check_config extender '["serve","--in-cluster","--listen","0.0.0.0:8790"]' 8790
check_config nodepool-agent '["run"]' 8081
for name in extender nodepool-agent; do
  prepare "$name"
  if [[ "$mode" == root ]]; then
    unshare --mount --pid --fork --propagation private "$0" --inside "$name" "$work/$name/rootfs" "$mode"
  else
    # already in private mount and PID namespaces; a child keeps the mounts to itself
    unshare --mount --propagation private "$0" --inside "$name" "$work/$name/rootfs" "$mode"
  fi
done
say "2 passed, 0 failed (${SECONDS}s)"
