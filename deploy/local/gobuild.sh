# The parts of a cached `go build` that build.sh, helm/build.sh and promql/build.sh share. Sourced;
# the caller sets BIN (the cache's bin dir) and LOG (the build log), or has module_cache set them,
# and defines log MESSAGE.

# module_cache GOMOD MODULE NAME: sets VERSION (MODULE's version in GOMOD), CACHE_ROOT
# ($NETPLANE_CACHE/NAME-VERSION, default cache ~/.cache/netplane), BIN and LOG under it; exit 1
# when GOMOD does not require MODULE.
module_cache() {
  VERSION="$(awk -v m="$2" '$1==m && $2 ~ /^v/ {print $2; exit}' "$1")"
  [[ -n "$VERSION" ]] || { log "ERROR: cannot read the version of $2 from $1"; exit 1; }
  CACHE_ROOT="${NETPLANE_CACHE:-$HOME/.cache/netplane}/$3-$VERSION"
  BIN="$CACHE_ROOT/bin"
  LOG="$CACHE_ROOT/build.log"
}

# build_mode "$@": --bin-dir prints $BIN and exits, --force sets FORCE=1, nothing sets FORCE=0.
build_mode() {
  FORCE=0
  case "${1:-}" in
    --bin-dir) echo "$BIN"; exit 0 ;;
    --force) FORCE=1 ;;
    "") ;;
    *) echo "usage: $0 [--bin-dir|--force]" >&2; exit 2 ;;
  esac
}

# require_go GOMOD: exit 1 with a hint when go is not on PATH.
require_go() {
  if ! command -v go >/dev/null 2>&1; then
    log "ERROR: 'go' is not on PATH. Install Go >= $(awk '$1=="go"{print $2}' "$1") (e.g. apt-get install golang-go, or a go.dev tarball) and re-run."
    exit 1
  fi
  log "go: $(go version)"
}

# go_build_logged DIR ARGS...: `go build ARGS` in DIR with CGO off (static binaries, no C
# toolchain) and -mod=readonly (go.sum is committed, never rewritten), output to $LOG, a
# heartbeat every minute so a long build does not look hung; on failure the log's tail and
# exit 1. Sets BUILD_SECS.
go_build_logged() {
  local dir="$1" start=$SECONDS next=60 pid
  shift
  (
    cd "$dir"
    CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly" go build "$@"
  ) >"$LOG" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2
    if (( SECONDS - start >= next )); then
      log "still building... $(( next / 60 ))m elapsed"
      next=$(( next + 60 ))
    fi
  done
  if ! wait "$pid"; then
    log "ERROR: go build failed after $((SECONDS - start))s. Last lines of $LOG:"
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  BUILD_SECS=$((SECONDS - start))
}
