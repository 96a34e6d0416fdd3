#!/usr/bin/env bash
# Check the netplane chart for real:
#
#  1. static: the chart's CRD equals deploy/crds/, deploy/manifests/ equals a fresh render,
#     `helm lint --strict` and `helm template` of every ci/*-values.yaml (both scheduler modes),
#     the values schema rejects unknown keys and literal credentials, generated certificates are
#     consistent (one CA, the Service name in the serving certificate, the scheduler's name in the
#     client certificate, no CA key in any Secret), the NetworkPolicy admits only the scheduler
#     to the extender port and the monitoring namespace to the health port;
#  2. on a local control plane (deploy/local/up.sh: etcd, kube-apiserver with RBAC): the CRDs
#     applied and Established, every rendering applied with `kubectl apply --server-side
#     --dry-run=server`, then the secondary-mode rendering applied for real, and
#     `helm template --dry-run=server` showing that the generated certificates are kept (lookup);
#  3. the secondary-scheduler path end to end: the extender (`serve --kubeconfig --inventory`)
#     with the rendered `--config` file and the chart-generated certificates, under the chart's
#     extender ServiceAccount token (so its RBAC is what is tested); kube-scheduler v1.33.13 with
#     the rendered KubeSchedulerConfiguration (urlPrefix pointed at the local extender, tlsConfig
#     and leader election as rendered) under the chart's scheduler ServiceAccount token. The
#     extender refuses TLS 1.2 and a certificate of the chart's CA that is not the scheduler's. A Pod
#     with schedulerName netplane-scheduler must be bound to the only node whose zone has free
#     IPs, through a /filter call the extender counted; a Pod without it must stay unbound.
#
#   deploy/helm/check.sh            (NETPLANE_CHECK_KEEP=1 keeps the work dir and cluster logs)
#
# Needs: Go (builds helm and the control plane once, then cached), Java 17+, openssl, curl.
# The extender jar is built (mvnw package) when extender/target/netplane-extender.jar is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CHART="$HERE/netplane"
RELEASE=netplane
NS=netplane
SCHED_NAME=netplane-scheduler
WAIT_SECS="${NETPLANE_CHECK_WAIT:-90}"

STEP=init
START=$SECONDS
log()  { echo "[check +$((SECONDS - START))s] $*" >&2; }
# has_line CMD... PATTERN: CMD's whole output holds a line matching PATTERN. The output is read
# in full first: grep -q stops at its first match, and under pipefail the writer's broken pipe
# would fail the pipeline although the line was there.
has_line() {
  local out
  out="$("${@:1:$#-1}")" || return 1
  grep -q -- "${!#}" <<<"$out"
}
fail() {
  echo "[check] FAILED in step '$STEP': $*" >&2
  exit 1
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/netplane-chart-check.XXXXXX")"
CLUSTER="$WORK/cluster"
PIDS=()
CLUSTER_UP=0
cleanup() {
  local rc=$?
  set +e
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null
  done
  if [[ $rc != 0 ]]; then
    for f in "$WORK"/extender.log "$WORK"/kube-scheduler.log "$WORK"/agent.log; do
      [[ -f "$f" ]] && { echo "---- last lines of $f" >&2; tail -n 40 "$f" >&2; }
    done
  fi
  if [[ $CLUSTER_UP == 1 ]]; then
    NETPLANE_LOCAL_DIR="$CLUSTER" NETPLANE_KEEP_STATE="${NETPLANE_CHECK_KEEP:-0}" \
      "$ROOT/deploy/local/down.sh" >"$WORK/down.log" 2>&1 || { echo "[check] down.sh failed:" >&2; cat "$WORK/down.log" >&2; rc=1; }
  fi
  if [[ "${NETPLANE_CHECK_KEEP:-0}" == 1 || $rc != 0 ]]; then
    echo "[check] work dir kept: $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in openssl curl java base64; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is required on PATH"
done

# port_in_use PORT, free_port VAR
# shellcheck source=../local/ports.sh
source "$ROOT/deploy/local/ports.sh"

# wait_until DESCRIPTION PID COMMAND...: poll COMMAND, failing if PID died or time ran out.
wait_until() {
  local what="$1" pid="$2"; shift 2
  local deadline=$(( SECONDS + WAIT_SECS ))
  until "$@" >/dev/null 2>&1; do
    [[ -z "$pid" ]] || kill -0 "$pid" 2>/dev/null || fail "$what: process exited"
    (( SECONDS < deadline )) || fail "$what: not after ${WAIT_SECS}s"
    sleep 0.5
  done
}

# ------------------------------------------------------------------ tools
STEP="build helm"
HELM="$("$ROOT/deploy/local/helm/build.sh" | tail -n1)/helm"
export HELM
log "helm $("$HELM" version --template '{{.Version}}')"

# ------------------------------------------------------------------ 1. static checks
STEP="CRD copy and committed manifests"
"$HERE/render.sh" --check || fail "deploy/helm/render.sh --check: run deploy/helm/render.sh and commit the result"

STEP="helm lint"
for values in "$CHART"/ci/*-values.yaml; do
  "$HELM" lint "$CHART" --strict --namespace "$NS" -f "$values" >"$WORK/lint.log" 2>&1 \
    || { cat "$WORK/lint.log" >&2; fail "helm lint -f $(basename "$values")"; }
done
log "helm lint --strict: $(ls "$CHART"/ci/*-values.yaml | wc -l) value sets pass"

STEP="helm template"
template() { "$HELM" template "$RELEASE" "$CHART" --namespace "$NS" "$@"; }
for values in "$CHART"/ci/*-values.yaml; do
  name="$(basename "$values" -values.yaml)"
  template -f "$values" >"$WORK/render-$name.yaml" || fail "helm template -f $(basename "$values")"
done
grep -q "schedulerName: $SCHED_NAME" "$WORK/render-secondary.yaml" || fail "secondary: no $SCHED_NAME profile"
grep -q "kind: KubeSchedulerConfiguration" "$WORK/render-secondary.yaml" || fail "secondary: no KubeSchedulerConfiguration"
grep -q "image: \"registry.k8s.io/kube-scheduler:v1.33.13\"" "$WORK/render-secondary.yaml" || fail "secondary: no kube-scheduler Deployment"
grep -q "/usr/local/bin/kube-scheduler" "$WORK/render-control-plane.yaml" && fail "control-plane: a kube-scheduler Deployment was rendered"
grep -q "extenders.yaml: |" "$WORK/render-control-plane.yaml" || fail "control-plane: no extenders ConfigMap"
grep -q "ALIBABA_CLOUD_ACCESS_KEY_SECRET" "$WORK/render-control-plane.yaml" || fail "control-plane values: no credentials from the Secret"
grep -q "ALIBABA_CLOUD_OIDC_TOKEN_FILE" "$WORK/render-rrsa-arn.yaml" || fail "rrsa-arn values: no RRSA environment"
grep -q "kind: Secret" "$WORK/render-rrsa-arn.yaml" && fail "rrsa-arn values: a Secret was generated although existing ones are named"
log "helm template: secondary, control-plane, rrsa-arn rendered"

STEP="values schema"
# expect_rejected MESSAGE-PATTERN ARGS...: rendering must fail, naming the problem.
expect_rejected() {
  local pattern="$1"; shift
  if template "$@" >"$WORK/reject.out" 2>&1; then fail "accepted: $*"; fi
  grep -Eq "$pattern" "$WORK/reject.out" || { cat "$WORK/reject.out" >&2; fail "rejected without '$pattern': $*"; }
}
CI="$CHART/ci/secondary-values.yaml"
expect_rejected "additional properties 'accessKeyId' not allowed" -f "$CI" --set cloud.credentials.accessKeyId=LTAI5tExample
expect_rejected "additional properties 'accessKeySecret' not allowed" -f "$CI" --set cloud.credentials.secret.accessKeySecret=s3cr3t
expect_rejected "missing property 'valueFrom'" -f "$CI" \
  --set 'extender.extraEnv[0].name=ALIBABA_CLOUD_ACCESS_KEY_SECRET' --set 'extender.extraEnv[0].value=s3cr3t'
expect_rejected "additional properties 'replica' not allowed" -f "$CI" --set extender.replica=3
expect_rejected "maximum: got 3, want 2" -f "$CI" --set agent.replicas=3
expect_rejected "value must be one of" -f "$CI" --set scheduler.mode=primary
expect_rejected "cloud.region is required"
expect_rejected "extender.healthPort must differ from extender.port" -f "$CI" --set extender.healthPort=8790
expect_rejected "tls.clientAuth.existingSecret is required" -f "$CI" --set tls.existingSecret=mine
expect_rejected "tls.clientAuth.allowedNames is required" -f "$CI" --set tls.existingSecret=mine --set tls.clientAuth.existingSecret=theirs
expect_rejected "allowedNames/0.*does not match pattern" -f "$CI" --set 'tls.clientAuth.allowedNames={a b}'
log "values schema: unknown keys, literal credentials, bad enums and missing required values are rejected"

STEP="generated certificates"
# Split the generated Secrets and the control-plane ConfigMap's PEMs out of the renderings.
# secret_value FILE SECRET KEY: base64 value of KEY in the Secret named SECRET.
secret_value() {
  awk -v name="$2" -v key="  $3:" '
    /^---/ {kind=""; inname=0}
    /^kind: Secret/ {kind="Secret"}
    kind=="Secret" && $0 == "  name: " name {inname=1}
    inname && index($0, key) == 1 {print $2; exit}' "$1"
}
SVC_HOST="$RELEASE-extender.$NS.svc"
for part in ca.crt tls.crt tls.key; do
  v="$(secret_value "$WORK/render-secondary.yaml" "$RELEASE-extender-tls" "$part")"
  [[ -n "$v" ]] || fail "generated Secret $RELEASE-extender-tls has no $part"
done
secret_value "$WORK/render-secondary.yaml" "$RELEASE-extender-tls" ca.crt | base64 -d >"$WORK/gen-ca.crt"
secret_value "$WORK/render-secondary.yaml" "$RELEASE-extender-tls" tls.crt | base64 -d >"$WORK/gen-server.crt"
secret_value "$WORK/render-secondary.yaml" "$RELEASE-scheduler-client-tls" tls.crt | base64 -d >"$WORK/gen-client.crt"
openssl verify -CAfile "$WORK/gen-ca.crt" "$WORK/gen-server.crt" "$WORK/gen-client.crt" >/dev/null \
  || fail "generated certificates are not signed by the generated CA"
has_line openssl x509 -in "$WORK/gen-server.crt" -noout -ext subjectAltName "DNS:$SVC_HOST" \
  || fail "serving certificate does not name $SVC_HOST"
# The extender accepts clients by name: only the client certificate may carry the scheduler's.
CLIENT_NAME=netplane-scheduler-client
has_line openssl x509 -in "$WORK/gen-client.crt" -noout -subject "CN *= *$CLIENT_NAME\$" \
  || fail "client certificate is not issued to $CLIENT_NAME"
! has_line openssl x509 -in "$WORK/gen-server.crt" -noout -subject -ext subjectAltName "$CLIENT_NAME" \
  || fail "serving certificate carries the client name $CLIENT_NAME"
grep -q "tls-client-names: \"$CLIENT_NAME\"" "$WORK/render-secondary.yaml" || fail "extender config does not allow $CLIENT_NAME"
! grep -q "ca.key" "$WORK"/render-*.yaml || fail "a rendering holds a CA private key"
# control-plane mode: the CA in the ConfigMap is the one in the Secret (one CA per render).
awk '/^  ca.crt: \|/{p=1; next} p && /^    /{sub(/^    /,""); print; next} p{exit}' "$WORK/render-control-plane.yaml" >"$WORK/cp-cm-ca.crt"
secret_value "$WORK/render-control-plane.yaml" "$RELEASE-extender-tls" ca.crt | base64 -d >"$WORK/cp-secret-ca.crt"
cmp -s <(openssl x509 -in "$WORK/cp-cm-ca.crt" -noout -fingerprint) <(openssl x509 -in "$WORK/cp-secret-ca.crt" -noout -fingerprint) \
  || fail "control-plane: the CA in the extenders ConfigMap differs from the Secret's"
log "generated certificates: one CA (its key in no Secret), server certificate for $SVC_HOST, client certificate for $CLIENT_NAME"

STEP="network policy"
# netpol FILE: the NetworkPolicy document of a rendering.
netpol() { awk '/^---/{p=0} /^kind: NetworkPolicy/{p=1} p' "$1"; }
netpol "$WORK/render-secondary.yaml" >"$WORK/netpol-secondary.yaml"
grep -q "name: $RELEASE-extender$" "$WORK/netpol-secondary.yaml" || fail "secondary: no NetworkPolicy for the extender"
grep -A2 -- "- port: https" "$WORK/netpol-secondary.yaml" | grep -q "protocol: TCP" || fail "secondary: NetworkPolicy has no rule for the extender port"
grep -q "app.kubernetes.io/component: scheduler" "$WORK/netpol-secondary.yaml" || fail "secondary: the extender port is not limited to the scheduler pods"
grep -q 'kubernetes.io/metadata.name: "monitoring"' "$WORK/netpol-secondary.yaml" || fail "secondary: the health port is not limited to namespace monitoring"
template -f "$CI" --set networkPolicy.enabled=false >"$WORK/render-no-netpol.yaml" || fail "helm template networkPolicy.enabled=false"
! grep -q "kind: NetworkPolicy" "$WORK/render-no-netpol.yaml" || fail "networkPolicy.enabled=false still renders a NetworkPolicy"
log "network policy: extender port from the scheduler pods only, health port from namespace monitoring; opt-out works"

# ------------------------------------------------------------------ 2. local control plane
STEP="local control plane"
log "starting etcd + kube-apiserver (deploy/local/up.sh)"
CLUSTER_UP=1
NETPLANE_LOCAL_DIR="$CLUSTER" NETPLANE_EXTENDER=none "$ROOT/deploy/local/up.sh" >"$WORK/up.log" 2>&1 \
  || { cat "$WORK/up.log" >&2; fail "up.sh"; }
# Only the scheduler under test may schedule: stop up.sh's default-scheduler.
NETPLANE_LOCAL_DIR="$CLUSTER" "$ROOT/deploy/local/up.sh" --stop-scheduler >>"$WORK/up.log" 2>&1 || fail "up.sh --stop-scheduler"
# shellcheck disable=SC1091
source "$CLUSTER/env.sh"
KUBECTL="$NETPLANE_LOCAL_BIN/kubectl"
k() { "$KUBECTL" "$@"; }
log "control plane up at $NETPLANE_APISERVER_URL"

STEP="CRDs"
k apply --server-side -f "$CHART/crds/" >/dev/null
k wait --for=condition=Established --timeout=60s -f "$CHART/crds/" -f "$ROOT/deploy/local/crds/" >/dev/null \
  || fail "CRDs not established"
k create namespace "$NS" >/dev/null
log "CRDs Established: FixedCidrPool (chart) and Terway PodNetworking/PodENI (deploy/local/crds)"

STEP="server-side dry-run"
for f in "$WORK"/render-*.yaml "$ROOT"/deploy/manifests/*.yaml; do
  k apply --server-side --dry-run=server -f "$f" >"$WORK/dry-run.log" 2>&1 \
    || { cat "$WORK/dry-run.log" >&2; fail "kubectl apply --server-side --dry-run=server -f $f"; }
  log "dry-run=server accepted $(grep -c . "$WORK/dry-run.log") objects of ${f#"$ROOT/"}"
done

STEP="apply the secondary rendering"
k apply --server-side -f "$WORK/render-secondary.yaml" >"$WORK/apply.log" 2>&1 \
  || { cat "$WORK/apply.log" >&2; fail "kubectl apply -f render-secondary.yaml"; }
# An upgrade keeps the certificates: render again with lookup against the cluster.
template -f "$CI" --dry-run=server >"$WORK/render-upgrade.yaml" || fail "helm template --dry-run=server"
for s in "$RELEASE-extender-tls" "$RELEASE-scheduler-client-tls"; do
  for part in ca.crt tls.crt tls.key; do
    [[ "$(secret_value "$WORK/render-upgrade.yaml" "$s" "$part")" == "$(k -n "$NS" get secret "$s" -o jsonpath="{.data.${part//./\\.}}")" ]] \
      || fail "an upgrade would replace $part of Secret $s"
  done
done
# A Secret that still holds ca.key (earlier chart versions kept the CA key) is replaced by new
# certificates from a new CA; the key is in no rendering.
k -n "$NS" patch secret "$RELEASE-extender-tls" --type=merge -p '{"data":{"ca.key":"c3RhbGU="}}' >/dev/null
template -f "$CI" --dry-run=server >"$WORK/render-from-old.yaml" || fail "helm template --dry-run=server (old layout)"
[[ "$(secret_value "$WORK/render-from-old.yaml" "$RELEASE-extender-tls" ca.crt)" != "$(k -n "$NS" get secret "$RELEASE-extender-tls" -o jsonpath='{.data.ca\.crt}')" ]] \
  || fail "a Secret holding ca.key was kept on upgrade"
! grep -q "ca.key" "$WORK/render-from-old.yaml" || fail "the upgrade rendering holds a CA private key"
k -n "$NS" patch secret "$RELEASE-extender-tls" --type=json -p '[{"op":"remove","path":"/data/ca.key"}]' >/dev/null
log "applied; a re-render against the cluster keeps the generated certificates (lookup), and replaces those of a Secret that holds a CA key"

STEP="RBAC"
# can SA VERB RESOURCE [NAMESPACE-FLAGS]: the applied RBAC allows it; cannot: it denies it.
can()    { local sa="$1"; shift; k auth can-i "$@" --as="system:serviceaccount:$NS:$RELEASE-$sa" >/dev/null 2>&1 || fail "$sa cannot: $*"; }
cannot() { local sa="$1"; shift; ! k auth can-i "$@" --as="system:serviceaccount:$NS:$RELEASE-$sa" >/dev/null 2>&1 || fail "$sa can: $*"; }
for v in get list watch; do
  for r in nodes namespaces pods podnetworkings.network.alibabacloud.com podenis.network.alibabacloud.com; do can extender "$v" "$r" -A; done
  can extender "$v" configmaps -n kube-system
done
cannot extender create events -n default; cannot extender patch events.events.k8s.io -n default
cannot extender list configmaps -n default; cannot extender get secrets -n "$NS"; cannot extender patch nodes
cannot extender update pods -n default; cannot extender create pods --subresource=binding -n default
for v in get list watch patch; do can nodepool-agent "$v" nodes; done
can nodepool-agent list pods -A; can nodepool-agent watch pods -A; cannot nodepool-agent update pods -n default
for v in get list watch; do can nodepool-agent "$v" fixedcidrpools.netplane.io; done
can nodepool-agent patch fixedcidrpools.netplane.io --subresource=status
can nodepool-agent patch fixedcidrpools.netplane.io; cannot nodepool-agent update fixedcidrpools.netplane.io
for v in get list watch create; do can nodepool-agent "$v" configmaps -n kube-system; done
# ci/secondary-values.yaml sets agent.overrideConfigMaps: writes reach only those ConfigMaps
for v in patch delete; do
  can nodepool-agent "$v" configmaps/eni-config-check-pool -n kube-system
  cannot nodepool-agent "$v" configmaps/coredns -n kube-system; cannot nodepool-agent "$v" configmaps/eni-config -n kube-system
done
cannot nodepool-agent update configmaps -n kube-system
for v in get create update patch; do can nodepool-agent "$v" leases.coordination.k8s.io -n "$NS"; done
cannot nodepool-agent delete nodes; cannot nodepool-agent create fixedcidrpools.netplane.io; cannot nodepool-agent delete fixedcidrpools.netplane.io
cannot nodepool-agent create configmaps -n default; cannot nodepool-agent get secrets -n kube-system
for v in create patch; do can nodepool-agent "$v" events -n default; done; cannot nodepool-agent create events -n kube-system
cannot nodepool-agent delete events -n default; cannot nodepool-agent delete leases.coordination.k8s.io -n "$NS"
can scheduler create pods --subresource=binding -n default; can scheduler get configmaps/extension-apiserver-authentication -n kube-system
can scheduler update "leases.coordination.k8s.io/$SCHED_NAME" -n "$NS"; cannot scheduler update leases.coordination.k8s.io/other -n "$NS"
cannot scheduler get secrets -n "$NS"
log "RBAC: every permission the components need is granted, and the least-privilege denials hold"

STEP="helm install --dry-run=server"
# Another release name: the objects applied above belong to no Helm release.
for mode in secondary control-plane; do
  "$HELM" install notes "$CHART" --namespace notes --dry-run=server -f "$CHART/ci/$mode-values.yaml" \
    >"$WORK/notes-$mode.txt" 2>&1 || { cat "$WORK/notes-$mode.txt" >&2; fail "helm install --dry-run=server ($mode)"; }
done
grep -q "schedulerName: $SCHED_NAME" "$WORK/notes-secondary.txt" || fail "secondary NOTES lack the schedulerName"
grep -q "Scheduler: control-plane mode" "$WORK/notes-control-plane.txt" && grep -q "urlPrefix:" "$WORK/notes-control-plane.txt" \
  || fail "control-plane NOTES lack the extenders block"
log "helm install --dry-run=server: both modes install, NOTES name the schedulerName / the extenders block"

# ------------------------------------------------------------------ 3. end to end
STEP="files from the applied objects"
# What kubelet would mount, read back from the API server.
mkdir -p "$WORK/extender-tls" "$WORK/scheduler-tls"
get_data() { k -n "$NS" get "$1" "$2" -o jsonpath="{.data.${3//./\\.}}"; }
for part in tls.crt tls.key ca.crt; do
  get_data secret "$RELEASE-extender-tls" "$part" | base64 -d >"$WORK/extender-tls/$part"
done
get_data secret "$RELEASE-extender-tls" ca.crt | base64 -d >"$WORK/scheduler-tls/ca.crt"
get_data secret "$RELEASE-scheduler-client-tls" tls.crt | base64 -d >"$WORK/scheduler-tls/client.crt"
get_data secret "$RELEASE-scheduler-client-tls" tls.key | base64 -d >"$WORK/scheduler-tls/client.key"
chmod 600 "$WORK"/*/tls.key "$WORK/scheduler-tls/client.key"

# kubeconfig_for SA FILE: a kubeconfig authenticating as the chart's ServiceAccount.
kubeconfig_for() {
  local token
  token="$(k -n "$NS" create token "$1" --duration=1h)" || fail "token for ServiceAccount $1"
  cat >"$2" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $NETPLANE_APISERVER_URL
    certificate-authority: $CLUSTER/pki/ca.crt
users:
- name: $1
  user:
    token: $token
contexts:
- name: local
  context: {cluster: local, user: $1}
current-context: local
EOF
  chmod 600 "$2"
}
kubeconfig_for "$RELEASE-extender" "$WORK/extender.kubeconfig"
kubeconfig_for "$RELEASE-scheduler" "$WORK/scheduler.kubeconfig"

STEP="cluster fixtures"
# As in the E2E fixtures: base eni-config with one vSwitch per zone; zone j's vSwitch has no free
# IPs in the replayed inventory (deploy/demo/cluster/cloud), zone h's has thousands.
k -n kube-system create configmap eni-config --from-literal=eni_conf='{"version":"1","max_pool_size":5,"min_pool_size":0,
  "vswitches":{"cn-hangzhou-h":["vsw-bp1podhaybz242v0cmiwk"],"cn-hangzhou-j":["vsw-bp1batchj7jlrwcpn3en0"]},
  "security_group":"sg-check","vswitch_selection_policy":"ordered","enable_eni_trunking":false,"ip_stack":"ipv4"}' >/dev/null
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
for zone in h j; do
  node="node-$zone"
  k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $node
  labels:
    kubernetes.io/hostname: $node
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    topology.kubernetes.io/region: cn-hangzhou
    topology.kubernetes.io/zone: cn-hangzhou-$zone
    failure-domain.beta.kubernetes.io/zone: cn-hangzhou-$zone
    node.kubernetes.io/instance-type: ecs.g7.xlarge
    beta.kubernetes.io/instance-type: ecs.g7.xlarge
  annotations:
    k8s.aliyun.com/max-available-ip: "45"
spec:
  providerID: cn-hangzhou.i-$node
EOF
  k patch node "$node" --subresource=status --type=merge -p "{\"status\":{
    \"capacity\":{\"cpu\":\"4\",\"memory\":\"16Gi\",\"pods\":\"110\",\"ephemeral-storage\":\"120Gi\"},
    \"allocatable\":{\"cpu\":\"3900m\",\"memory\":\"14Gi\",\"pods\":\"110\",\"ephemeral-storage\":\"120Gi\"},
    \"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",\"message\":\"kubelet is posting ready status\",
      \"lastHeartbeatTime\":\"$NOW\",\"lastTransitionTime\":\"$NOW\"}],
    \"nodeInfo\":{\"kubeletVersion\":\"v1.33.13\",\"containerRuntimeVersion\":\"containerd://1.6.28\",\"operatingSystem\":\"linux\",
      \"architecture\":\"amd64\",\"osImage\":\"Alibaba Cloud Linux 3\",\"kernelVersion\":\"5.10.134\",\"kubeProxyVersion\":\"\",
      \"machineID\":\"m\",\"systemUUID\":\"s\",\"bootID\":\"b\"}}}" >/dev/null
done
k create namespace demo >/dev/null
log "nodes node-h (zone h, free IPs) and node-j (zone j, vSwitch exhausted), eni-config"

STEP="start the extender"
JAR="$ROOT/extender/target/netplane-extender.jar"
if [[ ! -f "$JAR" ]]; then
  log "building the extender jar"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl extender -am) || fail "mvnw package"
fi
free_port EXT_PORT
free_port HEALTH_PORT
# The rendered --config file, minus what only holds in a pod: in-cluster and region (replaced by
# --kubeconfig and --inventory), with the Secret mounted where the Deployment mounts it and the
# health port on a free loopback port.
get_data configmap "$RELEASE-extender" extender.yaml \
  | grep -Ev '^(in-cluster|region):' \
  | sed -e "s|/etc/netplane/tls/|$WORK/extender-tls/|" \
        -e "s|^health-listen: .*|health-listen: 127.0.0.1:$HEALTH_PORT|" >"$WORK/extender.yaml"
grep -q "tls-client-ca: $WORK/extender-tls/ca.crt" "$WORK/extender.yaml" || fail "rendered extender config has no client CA"
grep -q "health-listen: 127.0.0.1:$HEALTH_PORT" "$WORK/extender.yaml" || fail "rendered extender config has no health-listen"
java -jar "$JAR" serve --config "$WORK/extender.yaml" \
  --kubeconfig "$WORK/extender.kubeconfig" --inventory "$ROOT/deploy/demo/cluster/cloud" \
  --listen "127.0.0.1:$EXT_PORT" >"$WORK/extender.log" 2>&1 &
EXT_PID=$!
PIDS+=("$EXT_PID")
# curl as kube-scheduler does: the Service name (resolved to the local port), the chart's CA and
# client certificate.
ext_curl() {
  curl -fsS --max-time 5 --resolve "$SVC_HOST:$EXT_PORT:127.0.0.1" --cacert "$WORK/scheduler-tls/ca.crt" \
    --cert "$WORK/scheduler-tls/client.crt" --key "$WORK/scheduler-tls/client.key" "https://$SVC_HOST:$EXT_PORT$1"
}
# What kubelet's probes and Prometheus read: plain HTTP on the health port.
health_curl() { curl -fsS --max-time 5 "http://127.0.0.1:$HEALTH_PORT$1"; }
wait_until "extender /readyz on the health port (readiness probe)" "$EXT_PID" health_curl /readyz
health_curl /healthz >/dev/null || fail "extender /healthz on the health port (liveness probe)"
# The first handshake loads the JVM's TLS classes, which takes seconds on a busy machine.
wait_until "extender /readyz over mTLS" "$EXT_PID" ext_curl /readyz
# tls_refused WHAT CURL-ARGS...: the extender refuses the connection in the TLS layer (curl exit
# 35: handshake failed, 56: the alert arrived on the first read), not by timing out.
tls_refused() {
  local what="$1" rc=0; shift
  curl -fsS --max-time 10 --resolve "$SVC_HOST:$EXT_PORT:127.0.0.1" --cacert "$WORK/scheduler-tls/ca.crt" "$@" \
    "https://$SVC_HOST:$EXT_PORT/readyz" >/dev/null 2>&1 || rc=$?
  [[ $rc == 35 || $rc == 56 ]] || fail "the extender did not refuse $what in the TLS handshake (curl exit $rc)"
}
tls_refused "a client without a certificate"
tls_refused "its own serving certificate as a client certificate" --cert "$WORK/extender-tls/tls.crt" --key "$WORK/extender-tls/tls.key"
tls_refused "TLS 1.2" --tls-max 1.2 --cert "$WORK/scheduler-tls/client.crt" --key "$WORK/scheduler-tls/client.key"
[[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{}' "http://127.0.0.1:$HEALTH_PORT/filter")" == 404 ]] \
  || fail "the health port serves /filter"
log "extender ready on :$EXT_PORT as ServiceAccount $RELEASE-extender (TLS 1.3 for $SVC_HOST, mTLS for $CLIENT_NAME only; probes on plain :$HEALTH_PORT)"

STEP="start kube-scheduler"
free_port SCHED_PORT
# The rendered KubeSchedulerConfiguration; only the URL, the mount paths and the API connection
# (in a pod: in-cluster config) change.
get_data configmap "$RELEASE-scheduler" config.yaml \
  | sed -e "s|urlPrefix: \"https://$SVC_HOST:[0-9]*\"|urlPrefix: \"https://127.0.0.1:$EXT_PORT\"|" \
        -e "s|/etc/netplane-scheduler/tls/|$WORK/scheduler-tls/|" \
        -e "s|^clientConnection:|clientConnection:\n  kubeconfig: \"$WORK/scheduler.kubeconfig\"|" >"$WORK/scheduler-config.yaml"
grep -q "urlPrefix: \"https://127.0.0.1:$EXT_PORT\"" "$WORK/scheduler-config.yaml" || fail "urlPrefix not found in the rendered configuration"
grep -q "serverName: \"$SVC_HOST\"" "$WORK/scheduler-config.yaml" || fail "tlsConfig.serverName not rendered"
"$NETPLANE_LOCAL_BIN/kube-scheduler" --config="$WORK/scheduler-config.yaml" \
  --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" --cert-dir="$WORK/scheduler-serving" \
  --authentication-kubeconfig="$WORK/scheduler.kubeconfig" --authorization-kubeconfig="$WORK/scheduler.kubeconfig" \
  >"$WORK/kube-scheduler.log" 2>&1 &
SCHED_PID=$!
PIDS+=("$SCHED_PID")
wait_until "kube-scheduler /readyz" "$SCHED_PID" curl -fsk --max-time 5 "https://127.0.0.1:$SCHED_PORT/readyz"
wait_until "kube-scheduler leader election on Lease $NS/$SCHED_NAME" "$SCHED_PID" bash -c "[[ -n \"\$('$KUBECTL' -n $NS get lease $SCHED_NAME -o jsonpath='{.spec.holderIdentity}' 2>/dev/null)\" ]]"
log "kube-scheduler ready on :$SCHED_PORT as ServiceAccount $RELEASE-scheduler, leader on Lease $NS/$SCHED_NAME"

STEP="schedule through netplane"
# filter_count: kube-scheduler's /filter calls the extender has answered.
filter_count() {
  health_curl /metrics | awk '/^netplane_extender_request_seconds_count\{.*verb="filter"/ {n += $2} END {printf "%d\n", n}'
}
BEFORE="$(filter_count)"
pod() {
  k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: $1, namespace: demo, labels: {app: check}}
spec:
  $2
  containers:
  - name: app
    image: registry.k8s.io/pause:3.10
    resources: {requests: {cpu: 100m, memory: 64Mi}}
EOF
}
pod via-netplane "schedulerName: $SCHED_NAME"
node_of() { k -n demo get pod "$1" -o jsonpath='{.spec.nodeName}'; }
wait_until "pod via-netplane bound" "$SCHED_PID" bash -c "[[ -n \"\$('$KUBECTL' -n demo get pod via-netplane -o jsonpath='{.spec.nodeName}')\" ]]"
NODE="$(node_of via-netplane)"
[[ "$NODE" == node-h ]] || fail "pod via-netplane was bound to '$NODE', expected node-h (node-j's vSwitch has no free IPs)"
AFTER="$(filter_count)"
(( AFTER > BEFORE )) || fail "the extender served no /filter for via-netplane (count $BEFORE -> $AFTER)"
has_line health_curl /metrics '^netplane_extender_node_verdicts_total{.*reason="VSwitchesExhausted".*} [1-9]' \
  || fail "the extender did not reject node-j for VSwitchesExhausted"
BY="$(k -n demo get events --field-selector involvedObject.name=via-netplane,reason=Scheduled -o jsonpath='{.items[0].reportingComponent}{.items[0].source.component}')"
[[ "$BY" == *"$SCHED_NAME"* ]] || fail "the Scheduled event was not reported by $SCHED_NAME (got '$BY')"
log "pod via-netplane bound to node-h by $SCHED_NAME after $((AFTER - BEFORE)) /filter call(s); node-j rejected as VSwitchesExhausted"

STEP="pods without the schedulerName are left alone"
pod default-scheduler ""
sleep 5
[[ -z "$(node_of default-scheduler)" ]] || fail "pod default-scheduler (schedulerName default-scheduler) was bound by $SCHED_NAME"
[[ "$(filter_count)" == "$AFTER" ]] || fail "the extender was asked to /filter for a pod of another scheduler"
log "pod default-scheduler stays unbound after 5 s and caused no /filter call"

STEP="the agent as its ServiceAccount"
AGENT_JAR="$ROOT/nodepool-agent/target/netplane-nodepool-agent.jar"
if [[ ! -f "$AGENT_JAR" ]]; then
  log "building the agent jar"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl nodepool-agent -am) || fail "mvnw package"
fi
kubeconfig_for "$RELEASE-nodepool-agent" "$WORK/agent.kubeconfig"
free_port AGENT_HEALTH_PORT
free_port DEAD_CLOUD_PORT
# The applied Deployment's arguments; the health address moves to a free loopback port and every
# cloud call goes to a closed one, so a pool's reconcile stops at the VPC API. What is checked:
# under the chart's RBAC the agent syncs its informers (pods included), takes and renews its Lease,
# adds its finalizer to a pool, writes the pool's status and an Event about it.
mapfile -t AGENT_ARGS < <(k -n "$NS" get deployment "$RELEASE-nodepool-agent" \
    -o go-template='{{range (index .spec.template.spec.containers 0).args}}{{.}}{{"\n"}}{{end}}' \
  | grep -Ev '^--cloud-(endpoint|protocol)=' \
  | sed -e "s|^--health-listen=.*|--health-listen=127.0.0.1:$AGENT_HEALTH_PORT|")
[[ "${AGENT_ARGS[0]:-}" == run ]] || fail "the agent Deployment does not run 'run' (args: ${AGENT_ARGS[*]})"
POD_NAME=agent-check POD_NAMESPACE="$NS" ALIBABA_CLOUD_ACCESS_KEY_ID=check ALIBABA_CLOUD_ACCESS_KEY_SECRET=check \
  java -jar "$AGENT_JAR" "${AGENT_ARGS[@]}" --kubeconfig "$WORK/agent.kubeconfig" \
  --cloud-endpoint "127.0.0.1:$DEAD_CLOUD_PORT" --cloud-protocol HTTP >"$WORK/agent.log" 2>&1 &
AGENT_PID=$!
PIDS+=("$AGENT_PID")
agent_curl() { curl -fsS --max-time 5 "http://127.0.0.1:$AGENT_HEALTH_PORT$1"; }
wait_until "agent /readyz" "$AGENT_PID" agent_curl /readyz
wait_until "agent holds Lease $NS/netplane-nodepool-agent" "$AGENT_PID" \
  bash -c "[[ \"\$('$KUBECTL' -n $NS get lease netplane-nodepool-agent -o jsonpath='{.spec.holderIdentity}' 2>/dev/null)\" == agent-check ]]"
k apply -f - >/dev/null <<EOF
apiVersion: netplane.io/v1alpha1
kind: FixedCidrPool
metadata: {name: check-pool}
spec:
  nodePool: {nodeSelector: {role: db-clients}}
  podVSwitchIds: [vsw-check-h]
  expectedPods: 10
EOF
wait_until "status of FixedCidrPool check-pool" "$AGENT_PID" \
  bash -c "[[ \"\$('$KUBECTL' get fixedcidrpool check-pool -o jsonpath='{.status.observedGeneration}')\" == 1 ]]"
READY="$(k get fixedcidrpool check-pool -o jsonpath='{.status.conditions[?(@.type=="Ready")].reason}')"
[[ -n "$READY" ]] || fail "FixedCidrPool check-pool has no Ready condition"
[[ "$(k get fixedcidrpool check-pool -o jsonpath='{.metadata.finalizers[0]}')" == netplane.io/cleanup ]] \
  || fail "FixedCidrPool check-pool has no netplane.io/cleanup finalizer"
wait_until "an Event about FixedCidrPool check-pool" "$AGENT_PID" \
  has_line k -n default get events --field-selector involvedObject.name=check-pool -o name '^event'

! grep -Eq 'Forbidden|forbidden|403' "$WORK/agent.log" || { tail -n 40 "$WORK/agent.log" >&2; fail "the agent was refused by the API server"; }
has_line agent_curl /metrics '^netplane_agent_leader.* 1' || fail "the agent's metrics do not show it leading"
log "agent as ServiceAccount $RELEASE-nodepool-agent: ready, leader on Lease $NS/netplane-nodepool-agent, wrote the finalizer, status (Ready: $READY: the cloud is unreachable here) and an Event of a pool, no request refused"

kill -0 "$EXT_PID" 2>/dev/null || fail "the extender exited"
kill -0 "$SCHED_PID" 2>/dev/null || fail "kube-scheduler exited"
kill -0 "$AGENT_PID" 2>/dev/null || fail "the agent exited"
STEP="done"
log "all checks passed"
