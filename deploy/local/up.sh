#!/usr/bin/env bash
# Start a real, minimal control plane on 127.0.0.1: etcd, kube-apiserver (RBAC,
# client-certificate auth), the Terway and netplane CRDs, and kube-scheduler configured to
# call the netplane extender. No kubelet, no controller-manager: tests create
# Node objects themselves and assert on pod.spec.nodeName and events.
#
#   deploy/local/up.sh                      fresh cluster (stops a previous one in the same dir)
#   deploy/local/up.sh --restart-scheduler  keep etcd/apiserver/data, restart only
#                                           kube-scheduler with the current NETPLANE_EXTENDER* env
#   deploy/local/up.sh --stop-scheduler     keep etcd/apiserver/data, stop kube-scheduler
#                                           (pods pile up unscheduled; --restart-scheduler resumes)
#
# See README.md for the environment variables.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${NETPLANE_LOCAL_DIR:-/tmp/netplane-local}"
PKI="$STATE/pki"
LOGS="$STATE/logs"
RUN="$STATE/run"          # pid files
MARKER="$STATE/.netplane-local"

EXT_MODE="${NETPLANE_EXTENDER:-netplane}"            # netplane | none
EXT_URL="${NETPLANE_EXTENDER_URL:-http://127.0.0.1:8790}"
EXT_WEIGHT="${NETPLANE_EXTENDER_WEIGHT:-2}"
EXT_TIMEOUT="${NETPLANE_EXTENDER_TIMEOUT:-2s}"
EXT_IGNORABLE="${NETPLANE_EXTENDER_IGNORABLE:-false}"
EXT_VERBS=",${NETPLANE_EXTENDER_VERBS:-filter,prioritize,preempt},"   # which verbs kube-scheduler calls
EXT_CA="${NETPLANE_EXTENDER_CA:-}"
EXT_CERT="${NETPLANE_EXTENDER_CERT:-}"
EXT_KEY="${NETPLANE_EXTENDER_KEY:-}"
EXT_SERVER_NAME="${NETPLANE_EXTENDER_SERVER_NAME:-}"
WAIT_SECS="${NETPLANE_LOCAL_WAIT:-90}"
SCHED_QPS="${NETPLANE_SCHEDULER_QPS:-200}"
SCHED_BURST="${NETPLANE_SCHEDULER_BURST:-400}"

STEP="init"
log()  { echo "[up] $*" >&2; }
# fail STEP-MESSAGE [LOGFILE]: name the step and the log, show its tail, and
# stop whatever this run started so no half-started cluster is left running.
fail() {
  echo "[up] ERROR in step '$STEP': $1" >&2
  if [[ -n "${2:-}" && -f "$2" ]]; then
    echo "[up] last lines of $2:" >&2
    tail -n 25 "$2" >&2
    echo "[up] full log: $2" >&2
  fi
  if [[ "$OWN_STATE" == 1 && "$RESTART_SCHEDULER" == 0 ]]; then
    NETPLANE_KEEP_STATE=1 "$HERE/down.sh" >&2 || true
    echo "[up] stopped what was started; logs kept in $LOGS" >&2
  fi
  exit 1
}

RESTART_SCHEDULER=0
STOP_SCHEDULER=0
OWN_STATE=0   # 1 once $STATE is ours, so fail() may clean up in it
case "${1:-}" in
  --restart-scheduler) RESTART_SCHEDULER=1 ;;
  --stop-scheduler) RESTART_SCHEDULER=1; STOP_SCHEDULER=1 ;;
  "") ;;
  *) echo "usage: $0 [--restart-scheduler | --stop-scheduler]" >&2; exit 2 ;;
esac

case "$EXT_MODE" in netplane|none) ;; *) echo "[up] NETPLANE_EXTENDER must be 'netplane' or 'none', got '$EXT_MODE'" >&2; exit 2 ;; esac
case "$EXT_IGNORABLE" in true|false) ;; *) echo "[up] NETPLANE_EXTENDER_IGNORABLE must be true or false" >&2; exit 2 ;; esac

# ---------------------------------------------------------------- helpers

need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' is required but not on PATH (apt-get install $2)"; }

# port_in_use PORT, free_port VAR
# shellcheck source=ports.sh
source "$HERE/ports.sh"

# start NAME ARGS...: run a binary from $BIN detached (own session, so it
# survives this script and a Ctrl-C in the caller's terminal), log to
# $LOGS/NAME.log, pid in $RUN/NAME.pid.
start() {
  local name="$1"; shift
  # Append: a restarted kube-scheduler keeps the earlier runs' logs in the same file.
  setsid "$BIN/$name" "$@" >>"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! >"$RUN/$name.pid"
}

alive() { local pid; pid="$(cat "$RUN/$1.pid" 2>/dev/null)" && kill -0 "$pid" 2>/dev/null; }

# wait_for NAME CHECK-COMMAND...: poll until CHECK succeeds, failing early if
# the process died, and after $WAIT_SECS seconds.
wait_for() {
  local name="$1"; shift
  local deadline=$(( SECONDS + WAIT_SECS ))
  until "$@" >/dev/null 2>&1; do
    alive "$name" || fail "$name exited during startup" "$LOGS/$name.log"
    (( SECONDS < deadline )) || fail "$name not ready after ${WAIT_SECS}s" "$LOGS/$name.log"
    sleep 0.5
  done
}

# ---------------------------------------------------------------- certificates

# openssl (not a Go helper) because it is on every dev/CI image and keeps the
# PKI steps readable. RSA keys in PKCS#1 form load in every client, Java too.
gen_key() { openssl genrsa -traditional -out "$1" 2048 2>/dev/null; }

# sign NAME SUBJECT EXT: key + cert for NAME signed by the local CA.
sign() {
  local name="$1" subj="$2" ext="$3"
  gen_key "$PKI/$name.key"
  openssl req -new -key "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr" 2>/dev/null
  printf '%s\n' "$ext" >"$PKI/$name.ext"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 365 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$PKI/$name.ext"
}

gen_pki() {
  mkdir -p "$PKI"
  gen_key "$PKI/ca.key"
  openssl req -x509 -new -key "$PKI/ca.key" -subj "/CN=netplane-local-ca" -days 365 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$PKI/ca.crt" 2>/dev/null
  local server="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth"
  local client="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
  # 10.0.0.1 is the 'kubernetes' service IP in --service-cluster-ip-range.
  sign apiserver "/CN=kube-apiserver" "$server
subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
  # Users and tests: group system:masters (cluster-admin, exempt from APF).
  sign admin "/O=system:masters/CN=netplane-admin" "$client"
  # The scheduler runs under its real identity so RBAC is exercised as in a
  # real cluster (bootstrap ClusterRole system:kube-scheduler).
  sign scheduler "/CN=system:kube-scheduler" "$client"
  # Ready-made certs for running the extender over TLS/mTLS (see README).
  sign extender-server "/CN=netplane-extender" "$server
subjectAltName=IP:127.0.0.1,DNS:localhost"
  sign extender-client "/CN=kube-scheduler-extender-client" "$client"
  # Front-proxy CA: published by the apiserver for delegated authn; no
  # client certificate is issued from it.
  gen_key "$PKI/front-proxy-ca.key"
  openssl req -x509 -new -key "$PKI/front-proxy-ca.key" -subj "/CN=netplane-local-front-proxy-ca" -days 365 \
    -sha256 -addext "basicConstraints=critical,CA:TRUE" -out "$PKI/front-proxy-ca.crt" 2>/dev/null
  # Service-account token signing key pair.
  gen_key "$PKI/sa.key"
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  chmod 600 "$PKI"/*.key
}

# kubeconfig FILE USER: embeds the certificates so the file is self-contained.
write_kubeconfig() {
  local file="$1" user="$2"
  cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: netplane-local
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $(base64 -w0 <"$PKI/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 <"$PKI/$user.crt")
    client-key-data: $(base64 -w0 <"$PKI/$user.key")
contexts:
- name: netplane-local
  context:
    cluster: netplane-local
    user: $user
current-context: netplane-local
EOF
  chmod 600 "$file"
}

# ---------------------------------------------------------------- kube-scheduler

write_scheduler_config() {
  local f="$STATE/scheduler-config.yaml"
  cat >"$f" <<EOF
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: $STATE/scheduler.kubeconfig
  # Defaults (50/100) cap binding at ~50 pods/s and would skew benchmarks.
  qps: $SCHED_QPS
  burst: $SCHED_BURST
leaderElection:
  leaderElect: false
profiles:
- schedulerName: default-scheduler
EOF
  if [[ "$EXT_MODE" == none ]]; then
    echo "# NETPLANE_EXTENDER=none: no extender (baseline)" >>"$f"
    return
  fi
  local https=false verb
  [[ "$EXT_URL" == https://* ]] && https=true
  {
    echo "extenders:"
    echo "- urlPrefix: \"$EXT_URL\""
    for verb in filter prioritize preempt; do
      if [[ "$EXT_VERBS" == *",$verb,"* ]]; then echo "  ${verb}Verb: $verb"; fi
    done
  } >>"$f"
  cat >>"$f" <<EOF
  nodeCacheCapable: true
  weight: $EXT_WEIGHT
  httpTimeout: $EXT_TIMEOUT
  ignorable: $EXT_IGNORABLE
  enableHTTPS: $https
EOF
  if [[ "$https" == true ]]; then
    # Without a CA kube-scheduler silently skips server verification.
    [[ -n "$EXT_CA" ]] || log "WARNING: https extender without NETPLANE_EXTENDER_CA: kube-scheduler will NOT verify its certificate"
    echo "  tlsConfig:" >>"$f"
    [[ -n "$EXT_CA" ]]          && echo "    caFile: \"$EXT_CA\"" >>"$f"
    [[ -n "$EXT_CERT" ]]        && echo "    certFile: \"$EXT_CERT\"" >>"$f"
    [[ -n "$EXT_KEY" ]]         && echo "    keyFile: \"$EXT_KEY\"" >>"$f"
    [[ -n "$EXT_SERVER_NAME" ]] && echo "    serverName: \"$EXT_SERVER_NAME\"" >>"$f"
    [[ -z "$EXT_CA$EXT_CERT$EXT_KEY$EXT_SERVER_NAME" ]] && echo "    insecure: true" >>"$f"
  fi
  return 0
}

start_scheduler() {
  STEP="start kube-scheduler"
  write_scheduler_config
  if [[ "$EXT_MODE" == none ]]; then
    log "kube-scheduler on :$SCHED_PORT, no extender"
  else
    log "kube-scheduler on :$SCHED_PORT, extender $EXT_URL (ignorable=$EXT_IGNORABLE, weight=$EXT_WEIGHT, timeout=$EXT_TIMEOUT)"
  fi
  # Delegated authn/authz against the apiserver, so /metrics can be scraped
  # with the admin certificate; /healthz and /readyz are always allowed.
  start kube-scheduler \
    --config="$STATE/scheduler-config.yaml" \
    --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" \
    --authentication-kubeconfig="$STATE/scheduler.kubeconfig" \
    --authorization-kubeconfig="$STATE/scheduler.kubeconfig" \
    --cert-dir="$STATE/scheduler-serving"
  wait_for kube-scheduler curl -fsk "https://127.0.0.1:$SCHED_PORT/readyz"
}

stop_scheduler() {
  local pid
  pid="$(cat "$RUN/kube-scheduler.pid" 2>/dev/null)" || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN/kube-scheduler.pid"
}

# ---------------------------------------------------------------- main

need openssl openssl
need curl curl

STEP="build"
BIN="$("$HERE/build.sh" | tail -n1)" || fail "build failed (see messages above)"
KUBECTL="$BIN/kubectl"

if [[ "$RESTART_SCHEDULER" == 1 ]]; then
  [[ -f "$STATE/ports.env" ]] && alive kube-apiserver || fail "no running cluster in $STATE; run up.sh first"
  # shellcheck disable=SC1091
  source "$STATE/ports.env"
  stop_scheduler
  if [[ "$STOP_SCHEDULER" == 1 ]]; then
    log "kube-scheduler stopped; start it again with --restart-scheduler"
    exit 0
  fi
  start_scheduler
  log "kube-scheduler restarted"
  exit 0
fi

STEP="prepare state dir"
# A fresh cluster every time: stop a previous one in this dir, then wipe it.
# The marker keeps us from ever wiping a directory we did not create.
if [[ -d "$STATE" && -n "$(ls -A "$STATE" 2>/dev/null)" ]]; then
  [[ -f "$MARKER" ]] || fail "$STATE exists, is not empty and was not created by up.sh; set NETPLANE_LOCAL_DIR elsewhere"
  "$HERE/down.sh" >&2
fi
mkdir -p "$STATE" "$LOGS" "$RUN"
touch "$MARKER"
OWN_STATE=1

STEP="generate certificates"
log "certificates in $PKI"
gen_pki

STEP="pick ports"
free_port ETCD_PORT; free_port ETCD_PEER_PORT; free_port API_PORT; free_port SCHED_PORT
cat >"$STATE/ports.env" <<EOF
ETCD_PORT=$ETCD_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
API_PORT=$API_PORT
SCHED_PORT=$SCHED_PORT
EOF

STEP="start etcd"
log "etcd on :$ETCD_PORT"
ETCD_URL="http://127.0.0.1:$ETCD_PORT"
PEER_URL="http://127.0.0.1:$ETCD_PEER_PORT"
# Plain HTTP on loopback, as envtest does: fewer certificates, same behaviour
# for the apiserver. Larger backend quota so big benchmarks don't hit 2 GiB.
start etcd --name=default --data-dir="$STATE/etcd-data" \
  --listen-client-urls="$ETCD_URL" --advertise-client-urls="$ETCD_URL" \
  --listen-peer-urls="$PEER_URL" --initial-advertise-peer-urls="$PEER_URL" \
  --initial-cluster="default=$PEER_URL" \
  --quota-backend-bytes=4294967296 --log-level=warn
wait_for etcd curl -fs "$ETCD_URL/health"

STEP="start kube-apiserver"
log "kube-apiserver on https://127.0.0.1:$API_PORT"
# No ServiceAccount admission: pods need no service account (no token
# controller runs). No TaintNodesByCondition: it taints every new Node
# not-ready:NoSchedule and only the node-lifecycle controller (not run here)
# would remove it, so test Nodes would never be schedulable.
# No endpoint reconciler: the 'kubernetes' Service endpoints may not be a
# loopback IP, and nothing in-cluster needs them.
# The requestheader flags only publish a (never used) front-proxy CA, so
# kube-scheduler's delegated authentication stops logging errors about it.
start kube-apiserver \
  --etcd-servers="$ETCD_URL" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --endpoint-reconciler-type=none \
  --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
  --client-ca-file="$PKI/ca.crt" \
  --requestheader-client-ca-file="$PKI/front-proxy-ca.crt" \
  --requestheader-allowed-names=front-proxy-client \
  --requestheader-username-headers=X-Remote-User \
  --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --authorization-mode=Node,RBAC \
  --disable-admission-plugins=ServiceAccount,TaintNodesByCondition \
  --service-account-issuer="https://127.0.0.1:$API_PORT" \
  --service-account-key-file="$PKI/sa.pub" \
  --service-account-signing-key-file="$PKI/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 \
  --allow-privileged=true
wait_for kube-apiserver curl -fs --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
  "https://127.0.0.1:$API_PORT/readyz"

STEP="write kubeconfigs"
write_kubeconfig "$STATE/kubeconfig" admin
write_kubeconfig "$STATE/scheduler.kubeconfig" scheduler
export KUBECONFIG="$STATE/kubeconfig"

STEP="install CRDs"
# Terway's (crds/) and netplane's own FixedCidrPool, as shipped (deploy/crds/)
CRDS=(-f "$HERE/crds/" -f "$HERE/../crds/")
log "CRDs from $HERE/crds and $(cd "$HERE/../crds" && pwd)"
"$KUBECTL" apply "${CRDS[@]}" >"$LOGS/crds.log" 2>&1 || fail "kubectl apply failed" "$LOGS/crds.log"
"$KUBECTL" wait --for=condition=Established --timeout=60s "${CRDS[@]}" >>"$LOGS/crds.log" 2>&1 \
  || fail "CRDs not established" "$LOGS/crds.log"

start_scheduler

STEP="write env.sh"
cat >"$STATE/env.sh" <<EOF
# source me: environment for the netplane local control plane
export NETPLANE_LOCAL_DIR="$STATE"
export KUBECONFIG="$STATE/kubeconfig"
export NETPLANE_APISERVER_URL="https://127.0.0.1:$API_PORT"
export NETPLANE_APISERVER_PORT=$API_PORT
export NETPLANE_ETCD_PORT=$ETCD_PORT
export NETPLANE_SCHEDULER_PORT=$SCHED_PORT
export NETPLANE_LOCAL_BIN="$BIN"
export PATH="$BIN:\$PATH"
EOF

log "ready. kubeconfig: $STATE/kubeconfig"
log "use it with: source $STATE/env.sh && kubectl get nodes"
echo "$STATE/kubeconfig"
