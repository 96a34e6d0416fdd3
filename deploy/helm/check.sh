#!/usr/bin/env bash
# Check the netplane chart for real:
#
#  1. static: the chart's CRD equals deploy/crds/, deploy/manifests/ equals a fresh render,
#     `helm lint --strict` and `helm template` of every ci/*-values.yaml; per layout: the
#     secondary scheduler's pod runs the extender as a native sidecar on 127.0.0.1 and calls it at
#     http://127.0.0.1:8790/ (no extender Deployment, Service or TLS; one ServiceAccount with both
#     roles, RRSA in the sidecar only); control-plane mode runs a host-network DaemonSet on the
#     control-plane nodes; extender.topology=service runs --leader-elect with its lease RBAC and
#     a rollout that works with one ready pod, and cert-manager Certificates with one usage each;
#     the values schema and templates reject bad values; what each NetworkPolicy admits;
#     monitoring (off by default): each layout's PodMonitor selects the extender's pods and their
#     health port; the dashboard ConfigMap holds the chart's JSON; every alert and dashboard query
#     parses (deploy/local/promql) and names a metric the code registers; docs/operations.md's
#     metric tables list exactly the metrics the code registers; the admission webhook (off by
#     default): its cert-manager Certificate and CA injection or existing Secret and caBundle, its
#     failure policy, selectors and exclusions, and its pods;
#  2. on a local control plane (deploy/local/up.sh: etcd, kube-apiserver with RBAC): the CRDs
#     applied and Established, every rendering applied with `kubectl apply --server-side
#     --dry-run=server`, the secondary rendering and the service topology (as release "svc")
#     applied for real, their RBAC grants and denials checked with `kubectl auth can-i`; the
#     webhook's configuration applied with nothing behind it: a pod of an opted-in namespace is
#     still created (failurePolicy Ignore);
#  3. the secondary-scheduler path end to end: the extender (`serve --kubeconfig --inventory`)
#     with the rendered `--config` file on loopback, and kube-scheduler v1.33.13 with the rendered
#     KubeSchedulerConfiguration (its extender's port and leader election as rendered), both
#     under the scheduler pod's ServiceAccount token (so its RBAC is what is tested). A Pod with
#     schedulerName netplane-scheduler must be bound to the only node whose zone has free IPs,
#     through a /filter call the extender counted; a Pod without it must stay unbound. A second
#     extender + kube-scheduler pair stands by: its extender gets no call while the first leads,
#     and once the leader stops, the new leader binds a pod through its own extender. Last, the
#     alerts and dashboard queries name only series the running extender and agent expose.
#
#   deploy/helm/check.sh            (NETPLANE_CHECK_KEEP=1 keeps the work dir and cluster logs)
#
# Needs: Go (builds helm and the control plane once, then cached), Java 17+, curl.
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
    for f in "$WORK"/extender.log "$WORK"/extender2.log "$WORK"/scheduler.log "$WORK"/scheduler2.log "$WORK"/agent.log; do
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

for tool in curl java; do
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
# doc FILE KIND NAME: the rendered document of that kind whose metadata.name is NAME (exit 1: none).
doc() {
  awk -v kind="$2" -v name="$3" '
    function flush() { if (k == kind && m == name) { printf "%s", buf; found = 1 } buf = ""; k = ""; m = ""; meta = 0 }
    /^---/ { flush(); next }
    { buf = buf $0 "\n" }
    /^kind: / { k = substr($0, 7) }
    /^metadata:/ { meta = 1; next }
    meta && /^  name: / { m = substr($0, 9); meta = 0 }
    END { flush(); exit !found }' "$1"
}
# has TEXT PATTERN: TEXT has a line matching PATTERN.
has() { grep -Eq -- "$2" <<<"$1"; }
# between TEXT START END: the lines of TEXT from the one matching START up to the one matching END.
between() { sed -n "\\#$2#,\\#$3#p" <<<"$1"; }
# kinds FILE: "Kind/name" of every document.
kinds() { awk '/^---/{if(k)print k"/"m; k=""; m=""; meta=0; next} /^kind: /{k=substr($0,7)} /^metadata:/{meta=1; next} meta && /^  name: /{m=substr($0,9); meta=0} END{if(k)print k"/"m}' "$1"; }
EXT="$RELEASE-extender"
SCHED="$RELEASE-scheduler"

# secondary (default topology loopback): the extender is a sidecar of the kube-scheduler pod and
# is called on 127.0.0.1 over plain HTTP; there is no extender Deployment, Service or TLS.
R="$WORK/render-secondary.yaml"
CFG="$(doc "$R" ConfigMap "$SCHED")" || fail "secondary: no KubeSchedulerConfiguration ConfigMap"
has "$CFG" "schedulerName: $SCHED_NAME" || fail "secondary: no $SCHED_NAME profile"
has "$CFG" '^      - urlPrefix: "http://127\.0\.0\.1:8790/"$' || fail "secondary: urlPrefix is not http://127.0.0.1:8790/"
has "$CFG" '^        enableHTTPS: false$' || fail "secondary: enableHTTPS is not false"
! has "$CFG" 'tlsConfig' || fail "secondary: a tlsConfig is rendered for the loopback extender"
DEP="$(doc "$R" Deployment "$SCHED")" || fail "secondary: no kube-scheduler Deployment"
SIDECAR="$(between "$DEP" '^      initContainers:' '^      containers:')"
MAIN="$(between "$DEP" '^      containers:' '^      volumes:')"
has "$SIDECAR" '^        - restartPolicy: Always$' && has "$SIDECAR" '^          name: extender$' \
  || fail "secondary: the extender is not a sidecar (restartable init container) of the scheduler pod"
has "$SIDECAR" 'image: "netplane/extender:' || fail "secondary: the sidecar does not run the extender image"
has "$SIDECAR" '^          startupProbe:' || fail "secondary: the sidecar has no startup probe (kube-scheduler would start before it is ready)"
has "$MAIN" 'image: "registry.k8s.io/kube-scheduler:v1.33.13"' || fail "secondary: kube-scheduler is not the pod's main container"
! has "$MAIN" 'netplane/extender' || fail "secondary: the extender is an ordinary container (it would start beside, not before, kube-scheduler)"
ECFG="$(doc "$R" ConfigMap "$EXT")" || fail "secondary: no extender ConfigMap"
has "$ECFG" '^    listen: 127\.0\.0\.1:8790$' || fail "secondary: the extender does not listen on 127.0.0.1:8790 only"
has "$ECFG" '^    health-listen: 0\.0\.0\.0:8791$' || fail "secondary: the extender's health port is not open to kubelet and Prometheus"
! has "$ECFG" 'tls-' || fail "secondary: the loopback extender is configured for TLS"
for k in Deployment/$EXT Service/$EXT ServiceAccount/$EXT; do
  ! kinds "$R" | grep -qx "$k" || fail "secondary: $k is rendered (the extender is a sidecar)"
done
! kinds "$R" | grep -Eq '^(Secret|Certificate|DaemonSet)/' || fail "secondary: a Secret, Certificate or DaemonSet is rendered"
# One ServiceAccount for the pod: it holds the extender's read-only roles and its RRSA role.
has "$(doc "$R" ServiceAccount "$SCHED")" 'pod-identity.alibabacloud.com/role-name: netplane-extender' \
  || fail "secondary: the scheduler pod's ServiceAccount lacks the extender's RRSA role"
has "$(doc "$R" ClusterRoleBinding "$EXT")" "^    name: $SCHED\$" || fail "secondary: the extender's ClusterRole is not bound to the pod's ServiceAccount"
has "$(doc "$R" RoleBinding "$EXT")" "^    name: $SCHED\$" || fail "secondary: the extender's kube-system Role is not bound to the pod's ServiceAccount"
# RRSA without the webhook: the token and the role environment reach the extender container only.
template -f "$CHART/ci/secondary-values.yaml" -f "$CHART/ci/rrsa-arn-values.yaml" --set extender.topology=loopback >"$WORK/render-sidecar-arn.yaml" \
  || fail "helm template secondary with role ARNs"
DEP="$(doc "$WORK/render-sidecar-arn.yaml" Deployment "$SCHED")"
SIDECAR="$(between "$DEP" '^      initContainers:' '^      containers:')"
MAIN="$(between "$DEP" '^      containers:' '^      volumes:')"
has "$SIDECAR" 'ALIBABA_CLOUD_ROLE_ARN' && has "$SIDECAR" 'name: rrsa-token' || fail "secondary: the sidecar lacks the RRSA token or environment"
! has "$MAIN" 'ALIBABA_CLOUD|rrsa-token' || fail "secondary: kube-scheduler receives the extender's cloud credentials"
log "secondary: extender sidecar (startup probe, 127.0.0.1:8790, no TLS) called at http://127.0.0.1:8790/, no extender Deployment/Service/Secret, one ServiceAccount with both roles, RRSA only in the sidecar"

# control-plane (loopback): a host-network DaemonSet on the control-plane hosts; no scheduler.
R="$WORK/render-control-plane.yaml"
! grep -q "/usr/local/bin/kube-scheduler" "$R" || fail "control-plane: a kube-scheduler Deployment was rendered"
DS="$(doc "$R" DaemonSet "$EXT")" || fail "control-plane: no extender DaemonSet"
has "$DS" '^      hostNetwork: true$' || fail "control-plane: the DaemonSet is not in the host network"
has "$(between "$DS" '^      nodeSelector:' '^      [a-z]')" 'node-role.kubernetes.io/control-plane: ""' || fail "control-plane: the DaemonSet is not limited to control-plane nodes"
has "$(between "$DS" '^      tolerations:' '^      containers:')" 'key: node-role.kubernetes.io/control-plane' || fail "control-plane: the DaemonSet does not tolerate the control-plane taint"
has "$(doc "$R" ConfigMap "$EXT")" '^    listen: 127\.0\.0\.1:8790$' || fail "control-plane: the extender does not listen on the host's loopback only"
has "$(doc "$R" ConfigMap "$SCHED-extender")" '^      - urlPrefix: "http://127\.0\.0\.1:8790/"$' || fail "control-plane: the extenders block does not call http://127.0.0.1:8790/"
! kinds "$R" | grep -Eq "^(Deployment/$EXT|Service/$EXT|Secret/.*|NetworkPolicy/.*)\$" || fail "control-plane: an extender Deployment, Service, Secret or NetworkPolicy is rendered"
grep -q "ALIBABA_CLOUD_ACCESS_KEY_SECRET" "$R" || fail "control-plane values: no credentials from the Secret"
template -f "$CHART/ci/control-plane-values.yaml" --set 'extender.controlPlane.nodeSelector.role=cp' \
  --set 'extender.controlPlane.tolerations=null' >"$WORK/render-cp-custom.yaml" || fail "helm template control-plane with custom placement"
DS="$(doc "$WORK/render-cp-custom.yaml" DaemonSet "$EXT")"
has "$DS" '^        role: cp$' && ! has "$DS" '^      tolerations:' || fail "control-plane: extender.controlPlane.nodeSelector/tolerations are not applied"
log "control-plane: host-network DaemonSet on control-plane nodes (configurable), extenders block at http://127.0.0.1:8790/"

# service topology: leader-elected replicas behind the Service, TLS from existing Secrets
# (rrsa-arn) or cert-manager, never generated.
R="$WORK/render-rrsa-arn.yaml"
DEP="$(doc "$R" Deployment "$EXT")" || fail "service: no extender Deployment"
doc "$R" Service "$EXT" >/dev/null || fail "service: no extender Service"
for arg in --leader-elect --lease-name=netplane-extender --lease-namespace=$NS --lease-duration=15s --renew-deadline=10s --local-port=8792; do
  has "$DEP" "^            - $arg\$" || fail "service: the extender is not started with $arg"
done
for v in POD_NAME:metadata.name POD_NAMESPACE:metadata.namespace; do
  has "$(between "$DEP" "name: ${v%%:*}\$" 'fieldPath:')" "fieldPath: ${v#*:}\$" || fail "service: ${v%%:*} is not set from ${v#*:}"
done
has "$DEP" '^      maxUnavailable: 100%$' && has "$DEP" '^      maxSurge: 0$' \
  || fail "service: the rollout would wait for a non-leader to become ready (maxUnavailable 100%, maxSurge 0 expected)"
! kinds "$R" | grep -qx "PodDisruptionBudget/$EXT" || fail "service: an extender PodDisruptionBudget would block draining the leader's node"
LEASE_ROLE="$(doc "$R" Role "$EXT-leader-election")" || fail "service: no leader-election Role"
has "$LEASE_ROLE" "^  namespace: $NS\$" && has "$LEASE_ROLE" 'resourceNames: \["netplane-extender"\]' \
  || fail "service: the leader-election Role is not limited to the Lease netplane-extender in $NS"
has "$(doc "$R" RoleBinding "$EXT-leader-election")" "^    name: $EXT\$" || fail "service: the leader-election Role is not bound to the extender"
has "$(doc "$R" ConfigMap "$SCHED")" "urlPrefix: \"https://$EXT\\.$NS\\.svc:443\"" || fail "service: urlPrefix is not the Service"
grep -q "ALIBABA_CLOUD_OIDC_TOKEN_FILE" "$R" || fail "rrsa-arn values: no RRSA environment"
! kinds "$R" | grep -Eq '^(Secret|Certificate)/' || fail "service with existing Secrets: a Secret or Certificate is rendered"
log "service: Deployment with --leader-elect and the lease flags, --local-port for kubectl netplane, POD_NAME/POD_NAMESPACE, lease Role, rollout maxUnavailable 100%/maxSurge 0, no extender PDB"

STEP="certificates"
R="$WORK/render-service-cert-manager.yaml"
SRV="$(doc "$R" Certificate "$EXT")" || fail "cert-manager: no serving Certificate"
CLI="$(doc "$R" Certificate "$SCHED-client")" || fail "cert-manager: no client Certificate"
has "$SRV" '^  usages: \[digital signature, server auth\]$' || fail "cert-manager: the serving certificate's usages are not exactly server auth (+ digital signature)"
has "$CLI" '^  usages: \[digital signature, client auth\]$' || fail "cert-manager: the client certificate's usages are not exactly client auth (+ digital signature)"
has "$SRV" "^  secretName: $EXT-tls\$" && has "$SRV" "^    - $EXT\\.$NS\\.svc\$" || fail "cert-manager: the serving certificate does not name $EXT.$NS.svc in Secret $EXT-tls"
CLIENT_NAME=netplane-scheduler-client
has "$CLI" "^  commonName: $CLIENT_NAME\$" && has "$CLI" "^  secretName: $SCHED-client-tls\$" || fail "cert-manager: the client certificate is not issued to $CLIENT_NAME in Secret $SCHED-client-tls"
has "$(doc "$R" ConfigMap "$EXT")" "tls-client-names: \"$CLIENT_NAME\"" || fail "cert-manager: the extender does not accept $CLIENT_NAME"
template -f "$CHART/ci/service-cert-manager-values.yaml" --set 'tls.clientAuth.allowedNames={sched-a,sched-b}' >"$WORK/render-cm-names.yaml" \
  || fail "helm template cert-manager with allowedNames"
has "$(doc "$WORK/render-cm-names.yaml" Certificate "$SCHED-client")" '^  commonName: sched-a$' || fail "cert-manager: the client certificate is not issued to the first allowed name"
! kinds "$R" | grep -q '^Secret/' || fail "cert-manager: the chart renders a Secret itself"
# No pod mounts a Secret whole (a CA key in it would be mounted too): every Secret volume and
# projected Secret source lists the keys it takes.
for f in "$WORK"/render-*.yaml; do
  ! grep -q "ca.key" "$f" || fail "$(basename "$f") mentions a CA key"
  [[ "$(grep -Ec '^ {10,}(secretName:|- secret:)' "$f")" == "$(grep -Ec '^ {10,}items:' "$f")" ]] \
    || fail "$(basename "$f"): a Secret is mounted without an items list"
done
log "certificates: cert-manager issues the serving certificate (server auth) and the client certificate (client auth, CN $CLIENT_NAME); no Secret volume mounts more than its listed keys"

STEP="values schema"
# expect_rejected MESSAGE-PATTERN ARGS...: rendering must fail, naming the problem.
expect_rejected() {
  local pattern="$1"; shift
  if template "$@" >"$WORK/reject.out" 2>&1; then fail "accepted: $*"; fi
  grep -Eq "$pattern" "$WORK/reject.out" || { cat "$WORK/reject.out" >&2; fail "rejected without '$pattern': $*"; }
}
CI="$CHART/ci/secondary-values.yaml"
SVC=(-f "$CI" --set extender.topology=service)
expect_rejected "additional properties 'accessKeyId' not allowed" -f "$CI" --set cloud.credentials.accessKeyId=LTAI5tExample
expect_rejected "additional properties 'accessKeySecret' not allowed" -f "$CI" --set cloud.credentials.secret.accessKeySecret=s3cr3t
expect_rejected "missing property 'valueFrom'" -f "$CI" \
  --set 'extender.extraEnv[0].name=ALIBABA_CLOUD_ACCESS_KEY_SECRET' --set 'extender.extraEnv[0].value=s3cr3t'
expect_rejected "additional properties 'replica' not allowed" -f "$CI" --set extender.replica=3
expect_rejected "maximum: got 3, want 2" -f "$CI" --set agent.replicas=3
expect_rejected "value must be one of" -f "$CI" --set scheduler.mode=primary
expect_rejected "value must be one of" -f "$CI" --set extender.topology=replicas
expect_rejected "cloud.region is required"
expect_rejected "extender.healthPort must differ from extender.port" -f "$CI" --set extender.healthPort=8790
expect_rejected "extender.localPort must differ from extender.port and extender.healthPort" -f "$CI" --set extender.localPort=8791
expect_rejected "scheduler.extender.urlPrefix is for extender.topology=service" -f "$CI" --set scheduler.extender.urlPrefix=https://10.0.0.80
expect_rejected "extender.topology=service serves HTTPS and the chart generates no certificates: set tls.certManager.issuerRef .* or tls.existingSecret" "${SVC[@]}"
expect_rejected "tls.certManager.issuerRef and tls.existingSecret exclude each other" "${SVC[@]}" --set tls.certManager.issuerRef.name=ca --set tls.existingSecret=mine
expect_rejected "tls.certManager.issuerRef.name is required" "${SVC[@]}" --set tls.certManager.issuerRef.kind=Issuer
expect_rejected "tls.clientAuth.existingSecret is required" "${SVC[@]}" --set tls.existingSecret=mine
expect_rejected "tls.clientAuth.allowedNames is required" "${SVC[@]}" --set tls.existingSecret=mine --set tls.clientAuth.existingSecret=theirs
expect_rejected "allowedNames/0.*does not match pattern" -f "$CI" --set 'tls.clientAuth.allowedNames={a b}'
expect_rejected "extender.topology=service with scheduler.mode=control-plane needs scheduler.extender.ignorable=true" \
  -f "$CHART/ci/rrsa-arn-values.yaml" --set scheduler.mode=control-plane
expect_rejected "scheduler.secondary.replicas > 1 needs scheduler.secondary.leaderElection.enabled" -f "$CI" \
  --set scheduler.secondary.leaderElection.enabled=false
expect_rejected "leaseDuration.*does not match pattern" -f "$CI" --set extender.leaderElection.leaseDuration=15sec
log "values schema: unknown keys, literal credentials, bad enums, service topology without certificates and missing required values are rejected"

STEP="network policy"
# netpol FILE: the NetworkPolicy document of a rendering.
netpol() { awk '/^---/{p=0} /^kind: NetworkPolicy/{p=1} p' "$1"; }
NP="$(netpol "$WORK/render-secondary.yaml")"
has "$NP" "^  name: $SCHED\$" && has "$(between "$NP" '^  podSelector:' '^  policyTypes:')" 'app.kubernetes.io/component: scheduler$' \
  || fail "secondary: no NetworkPolicy for the scheduler pods (where the extender runs)"
[[ "$(grep -c -- '- ports:' <<<"$NP")" == 1 ]] && has "$NP" '^        - port: 8791$' || fail "secondary: the NetworkPolicy admits more than the health port 8791"
has "$NP" 'kubernetes.io/metadata.name: "monitoring"' || fail "secondary: the health port is not limited to namespace monitoring"
NP="$(netpol "$WORK/render-rrsa-arn.yaml")"
has "$NP" "^  name: $EXT\$" || fail "service: no NetworkPolicy for the extender"
has "$(between "$NP" '- port: https' 'kubernetes.io/metadata.name')" 'app.kubernetes.io/component: scheduler' || fail "service: the extender port is not limited to the scheduler pods"
has "$NP" 'kubernetes.io/metadata.name: "monitoring"' || fail "service: the health port is not limited to namespace monitoring"
template -f "$CI" --set networkPolicy.enabled=false >"$WORK/render-no-netpol.yaml" || fail "helm template networkPolicy.enabled=false"
! grep -q "kind: NetworkPolicy" "$WORK/render-no-netpol.yaml" || fail "networkPolicy.enabled=false still renders a NetworkPolicy"
log "network policy: secondary admits only monitoring to the health port; service: the extender port from the scheduler pods only; opt-out works"

STEP="webhook"
# The admission webhook: off by default; with cert-manager a serverAuth Certificate for the
# Service and the CA injected by annotation; with an existing Secret the caBundle value; the
# failure policy, selectors and exclusions the docs promise; no CA key, no API token mounted.
WH="$RELEASE-webhook"
! kinds "$WORK/render-secondary.yaml" | grep -q "/$WH\$" || fail "webhook: rendered although webhook.enabled is false by default"
R="$WORK/render-webhook-cert-manager.yaml"
CERT="$(doc "$R" Certificate "$WH")" || fail "webhook, cert-manager: no Certificate"
has "$CERT" '^  usages: \[digital signature, server auth\]$' && has "$CERT" "^  secretName: $WH-tls\$" \
  && has "$CERT" "^    - $WH\\.$NS\\.svc\$" || fail "webhook, cert-manager: the Certificate is not server auth for $WH.$NS.svc in Secret $WH-tls"
MWC="$(doc "$R" MutatingWebhookConfiguration "$WH")" || fail "webhook: no MutatingWebhookConfiguration"
has "$MWC" "^    cert-manager.io/inject-ca-from: $NS/$WH\$" && ! has "$MWC" 'caBundle' \
  || fail "webhook, cert-manager: the CA is not injected from Certificate $NS/$WH"
for line in 'failurePolicy: Ignore' 'sideEffects: None' 'timeoutSeconds: 5' 'reinvocationPolicy: Never' \
  'matchPolicy: Equivalent' 'admissionReviewVersions: \[v1\]' 'operations: \[CREATE\]' 'resources: \[pods\]' \
  "name: $WH" 'path: /mutate'; do
  has "$MWC" "^ +(- )?$line\$" || fail "webhook: the MutatingWebhookConfiguration lacks '$line'"
done
NSSEL="$(between "$MWC" '^    namespaceSelector:' '^    objectSelector:')"
has "$(between "$NSSEL" 'key: netplane.io/scheduling' 'values:')" 'operator: In' && has "$NSSEL" 'values: \[enabled\]' \
  || fail "webhook: the namespaceSelector does not require netplane.io/scheduling=enabled"
has "$NSSEL" '^            - kube-system$' && has "$NSSEL" "^            - $NS\$" || fail "webhook: kube-system and $NS are not excluded"
OBJSEL="$(between "$MWC" '^    objectSelector:' '^    failurePolicy:')"
has "$OBJSEL" 'operator: NotIn' && has "$OBJSEL" 'values: \[disabled\]' || fail "webhook: no objectSelector opt-out netplane.io/scheduling=disabled"
DEP="$(doc "$R" Deployment "$WH")" || fail "webhook: no Deployment"
for arg in webhook --scheduler-name=$SCHED_NAME --listen=0.0.0.0:9443 --health-listen=0.0.0.0:9444 \
  --tls-cert=/etc/netplane/tls/tls.crt --tls-key=/etc/netplane/tls/tls.key; do
  has "$DEP" "^            - $arg\$" || fail "webhook: the container is not started with $arg"
done
has "$DEP" '^  replicas: 2$' && has "$DEP" '^      automountServiceAccountToken: false$' && has "$DEP" 'readOnlyRootFilesystem: true' \
  || fail "webhook: not 2 replicas, an API token mounted, or a writable root filesystem"
has "$(between "$DEP" 'livenessProbe:' 'resources:')" 'port: health' || fail "webhook: probes not on the health port"
! has "$(between "$DEP" '^      volumes:' 'emptyDir')" 'key: ca' || fail "webhook: a CA file is mounted"
has "$(doc "$R" PodDisruptionBudget "$WH")" '^  minAvailable: 1$' || fail "webhook: no PodDisruptionBudget keeping one replica"
has "$(doc "$R" Service "$WH")" 'targetPort: https' || fail "webhook: no Service to the https port"
has "$(doc "$R" ServiceAccount "$WH")" '^automountServiceAccountToken: false$' || fail "webhook: its ServiceAccount mounts a token"
NP="$(doc "$R" NetworkPolicy "$WH")" || fail "webhook: no NetworkPolicy"
has "$(between "$NP" '- port: health' 'kubernetes.io/metadata.name')" 'namespaceSelector' || fail "webhook: the health port is not limited to namespace monitoring"
R="$WORK/render-webhook.yaml"
MWC="$(doc "$R" MutatingWebhookConfiguration "$WH")"
has "$MWC" '^      caBundle: [A-Za-z0-9+/=]{100,}$' && ! has "$MWC" 'inject-ca-from' || fail "webhook, existing Secret: the caBundle value is not in the configuration"
! kinds "$R" | grep -q '^Certificate/' || fail "webhook, existing Secret: a Certificate is rendered"
has "$(doc "$R" Deployment "$WH")" 'secretName: netplane-webhook-serving$' || fail "webhook, existing Secret: not mounted"
has "$(between "$MWC" 'kubernetes.io/metadata.name' 'objectSelector')" '- monitoring$' || fail "webhook: webhook.excludeNamespaces is not applied"
has "$(between "$(doc "$R" NetworkPolicy "$WH")" '- port: https' '- port: health')" 'cidr: 192.168.0.0/16' || fail "webhook: networkPolicy.webhookPeers not applied"
WCI=(-f "$CI" --set webhook.enabled=true)
expect_rejected "webhook.enabled needs a serving certificate" "${WCI[@]}"
expect_rejected "webhook.tls.caBundle is required with webhook.tls.existingSecret" "${WCI[@]}" --set webhook.tls.existingSecret=mine
expect_rejected "webhook.tls.caBundle is only for webhook.tls.existingSecret" "${WCI[@]}" --set tls.certManager.issuerRef.name=ca --set webhook.tls.caBundle=QUJD
expect_rejected "webhook.enabled is for scheduler.mode=secondary" -f "$CHART/ci/webhook-values.yaml" --set scheduler.mode=control-plane
expect_rejected "timeoutSeconds.*maximum: got 31" "${WCI[@]}" --set webhook.tls.certManager.issuerRef.name=ca --set webhook.timeoutSeconds=31
expect_rejected "webhook.healthPort must differ from webhook.port" -f "$CHART/ci/webhook-values.yaml" --set webhook.healthPort=9443
template "${WCI[@]}" --set tls.certManager.issuerRef.name=shared >"$WORK/render-webhook-shared-issuer.yaml" || fail "webhook with tls.certManager.issuerRef"
has "$(doc "$WORK/render-webhook-shared-issuer.yaml" Certificate "$WH")" '^    name: shared$' || fail "webhook: tls.certManager.issuerRef is not its default issuer"
log "webhook: off by default; cert-manager Certificate (server auth) + inject-ca-from, or existing Secret + caBundle; Ignore/None/Never/Equivalent, namespace opt-in, kube-system and $NS excluded, pod opt-out; 2 replicas, PDB, probes on the health port, no token or CA mounted"

STEP="monitoring"
PROMQL="$("$ROOT/deploy/local/promql/build.sh" | tail -n1)/promql-names"
MON_CI="$CHART/ci/monitoring-values.yaml"
R="$WORK/render-monitoring.yaml"
! kinds "$WORK/render-secondary.yaml" | grep -Eq '^(PodMonitor|PrometheusRule)/|^ConfigMap/.*-dashboard$' \
  || fail "monitoring: a PodMonitor, PrometheusRule or dashboard ConfigMap is rendered by default"
# pod_monitor_component FILE: the component label the extender's PodMonitor selects.
pod_monitor_component() {
  doc "$1" PodMonitor "$EXT" | awk '/^  selector:/{s=1} s && /app.kubernetes.io\/component:/{print $2; exit}'
}
[[ "$(pod_monitor_component "$R")" == scheduler ]] || fail "monitoring, secondary: the extender's PodMonitor does not select the scheduler pods (its sidecar)"
template -f "$MON_CI" --set scheduler.mode=control-plane >"$WORK/monitoring-cp.yaml" || fail "helm template monitoring, control-plane"
[[ "$(pod_monitor_component "$WORK/monitoring-cp.yaml")" == extender ]] || fail "monitoring, control-plane: the PodMonitor does not select the extender DaemonSet"
template -f "$CHART/ci/rrsa-arn-values.yaml" -f "$MON_CI" >"$WORK/monitoring-svc.yaml" || fail "helm template monitoring, service topology"
[[ "$(pod_monitor_component "$WORK/monitoring-svc.yaml")" == extender ]] || fail "monitoring, service: the PodMonitor does not select the extender Deployment"
# Each PodMonitor scrapes the port named health, which the extender's pods (per layout) and the
# agent's have.
for fw in "$R Deployment/$SCHED" "$WORK/monitoring-cp.yaml DaemonSet/$EXT" "$WORK/monitoring-svc.yaml Deployment/$EXT"; do
  f="${fw% *}"
  for pm in "$EXT" "$RELEASE-nodepool-agent"; do
    P="$(doc "$f" PodMonitor "$pm")" || fail "monitoring: no PodMonitor $pm in $(basename "$f")"
    has "$P" '^    - port: health$' && has "$P" '^      path: /metrics$' && has "$P" '^    release: kube-prometheus-stack$' \
      || fail "monitoring: PodMonitor $pm does not scrape health /metrics with monitoring.labels"
  done
  for w in "${fw#* }" "Deployment/$RELEASE-nodepool-agent"; do
    has "$(doc "$f" "${w%%/*}" "${w#*/}")" '^ +- name: health$' || fail "monitoring: $w has no port named health ($(basename "$f"))"
  done
done
# The admission webhook's pods are scraped on their health port too, when it is enabled.
template -f "$MON_CI" -f "$CHART/ci/webhook-values.yaml" >"$WORK/monitoring-webhook.yaml" || fail "helm template monitoring with the webhook"
P="$(doc "$WORK/monitoring-webhook.yaml" PodMonitor "$RELEASE-webhook")" || fail "monitoring: no PodMonitor for the webhook"
[[ "$(awk '/^  selector:/{s=1} s && /app.kubernetes.io\/component:/{print $2; exit}' <<<"$P")" == webhook ]] \
  && has "$P" '^    - port: health$' && has "$(doc "$WORK/monitoring-webhook.yaml" Deployment "$RELEASE-webhook")" '^ +- name: health$' \
  || fail "monitoring: the webhook's PodMonitor does not select its pods' health port"
! doc "$R" PodMonitor "$RELEASE-webhook" >/dev/null || fail "monitoring: a webhook PodMonitor without the webhook"
template -f "$MON_CI" --set agent.enabled=false >"$WORK/monitoring-no-agent.yaml" || fail "helm template monitoring without the agent"
! doc "$WORK/monitoring-no-agent.yaml" PodMonitor "$RELEASE-nodepool-agent" >/dev/null \
  && ! grep -q 'name: netplane-nodepool-agent$' <<<"$(doc "$WORK/monitoring-no-agent.yaml" PrometheusRule "$RELEASE")" \
  || fail "monitoring, agent.enabled=false: the agent's PodMonitor or alerts are rendered"
# The dashboard ConfigMap: the sidecar's label, and the chart's JSON unchanged.
DASH="$(doc "$R" ConfigMap "$RELEASE-dashboard")" || fail "monitoring: no dashboard ConfigMap"
has "$DASH" '^    grafana_dashboard: "netplane"$' && has "$DASH" '^    grafana_folder: Networking$' \
  || fail "monitoring: the dashboard ConfigMap lacks grafana_dashboard=<monitoring.dashboard.labelValue> or its annotations"
sed -n '/^  netplane.json: |-$/,$p' <<<"$DASH" | tail -n +2 | sed 's/^    //' >"$WORK/dashboard.json"
diff -q <(cat "$WORK/dashboard.json") <(sed -e '$a\' "$CHART/dashboards/netplane.json") >/dev/null \
  || fail "monitoring: the dashboard ConfigMap does not hold dashboards/netplane.json"
doc "$R" PrometheusRule "$RELEASE" | awk '/^spec:/{s=1} s' >"$WORK/rules.yaml" || fail "monitoring: no PrometheusRule"
# Every expression parses (promql-names exits 1 otherwise); the rule file, the PrometheusRule and
# the dashboard name the same metrics, and the PrometheusRule has every alert of the file.
"$PROMQL" "$CHART/files/prometheus-rules.yaml" >"$WORK/rules-file-metrics.txt" || fail "monitoring: files/prometheus-rules.yaml"
"$PROMQL" "$WORK/rules.yaml" >"$WORK/rules-metrics.txt" || fail "monitoring: the rendered PrometheusRule"
"$PROMQL" "$CHART/dashboards/netplane.json" >"$WORK/dashboard-metrics.txt" || fail "monitoring: dashboards/netplane.json"
cmp -s "$WORK/rules-file-metrics.txt" "$WORK/rules-metrics.txt" \
  && [[ "$(grep -c -- '- alert:' "$CHART/files/prometheus-rules.yaml")" == "$(grep -c -- '- alert:' "$WORK/rules.yaml")" ]] \
  || fail "monitoring: the PrometheusRule differs from files/prometheus-rules.yaml"
# The checker itself: a broken expression and an unknown metric must fail it.
printf 'groups:\n- name: t\n  rules:\n  - alert: Broken\n    expr: rate(netplane_ip_holds[5m] > 0\n' >"$WORK/broken-rules.yaml"
! "$PROMQL" "$WORK/broken-rules.yaml" >/dev/null 2>&1 || fail "monitoring: promql-names accepted an expression that does not parse"
printf 'groups:\n- name: t\n  rules:\n  - alert: Unknown\n    expr: netplane_no_such_metric > 0\n' >"$WORK/unknown-rules.yaml"
! "$PROMQL" --known "$WORK/rules-metrics.txt" "$WORK/unknown-rules.yaml" >/dev/null 2>&1 || fail "monitoring: promql-names accepted an unknown metric"

# The metrics the programs register, as exposed: from the Java sources (a Timer N is the histogram
# N_seconds, a Counter N the counter N_total, a Gauge N the gauge N; Micrometer's dots become
# underscores). Lines "family type". Files are read whole (-z), as the formatter may break a line
# between "builder(" and the name.
metric_families() {
  grep -rhozE '(Timer|FunctionCounter|Counter|MultiGauge|Gauge)\.builder\([[:space:]]*"netplane[._][a-z0-9._]+"' \
      "$ROOT"/extender/src/main "$ROOT"/nodepool-agent/src/main "$ROOT"/config/src/main \
    | tr '\0\n' '\n ' \
    | sed -E 's/\.builder\([[:space:]]*"/ /; s/"$//' \
    | awk '{ n = $2; gsub(/\./, "_", n)
             if ($1 == "Timer") print n "_seconds histogram"
             else if ($1 ~ /Counter$/) print n "_total counter"
             else print n " gauge" }' | sort -u
}
metric_families >"$WORK/code-families.txt"
[[ -s "$WORK/code-families.txt" ]] || fail "monitoring: no metric found in the Java sources"
# docs/operations.md's metric tables: "| `name{labels}` | type | ...".
sed -nE 's/^\| `(netplane_[a-z0-9_]+)[^`]*` \| ([a-z]+) \|.*/\1 \2/p' "$ROOT/docs/operations.md" | sort -u >"$WORK/docs-families.txt"
diff -u "$WORK/code-families.txt" "$WORK/docs-families.txt" >"$WORK/families.diff" \
  || { cat "$WORK/families.diff" >&2; fail "monitoring: docs/operations.md's metric tables (+) differ from the metrics the code registers (-)"; }
# family_series: "family series" for every series name a family can expose (a histogram: _bucket,
# _count, _sum and Micrometer's _max).
awk '$2 == "histogram" { for (i = split("_bucket _count _sum _max", s, " "); i > 0; i--) print $1, $1 s[i]; next } { print $1, $1 }' \
  "$WORK/code-families.txt" >"$WORK/code-series.txt"
# Names that are no netplane_ metric (jvm_*, process_*) are checked against a scrape below.
unknown="$(grep '^netplane_' "$WORK/rules-metrics.txt" "$WORK/dashboard-metrics.txt" -h | sort -u | comm -23 - <(awk '{print $2}' "$WORK/code-series.txt" | sort -u))"
[[ -z "$unknown" ]] || fail "monitoring: alerts or dashboard name metrics the code does not register: $unknown"
log "monitoring: off by default; PodMonitors on the health port for each layout; agent's rules/PodMonitor only with the agent; dashboard ConfigMap = dashboards/netplane.json; $(grep -c -- '- alert:' "$WORK/rules.yaml") alerts and $(grep -c '"expr"' "$CHART/dashboards/netplane.json") dashboard queries parse and name registered metrics; docs' metric tables = code ($(wc -l <"$WORK/code-families.txt") metrics)"

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
# The Prometheus Operator's PodMonitor and PrometheusRule, so the monitoring objects are validated.
MON_CRDS="$ROOT/deploy/local/prometheus-operator-crds/"
k apply --server-side -f "$CHART/crds/" -f "$MON_CRDS" >/dev/null
k wait --for=condition=Established --timeout=60s -f "$CHART/crds/" -f "$ROOT/deploy/local/crds/" -f "$MON_CRDS" >/dev/null \
  || fail "CRDs not established"
k create namespace "$NS" >/dev/null
log "CRDs Established: FixedCidrPool (chart), Terway PodNetworking/PodENI (deploy/local/crds), PodMonitor/PrometheusRule (deploy/local/prometheus-operator-crds)"

STEP="server-side dry-run"
for f in "$WORK"/render-*.yaml "$ROOT"/deploy/manifests/*.yaml; do
  if kinds "$f" | grep -q '^Certificate/'; then
    log "dry-run=server skipped for ${f#"$ROOT/"}: no cert-manager CRDs on the local control plane"
    continue
  fi
  k apply --server-side --dry-run=server -f "$f" >"$WORK/dry-run.log" 2>&1 \
    || { cat "$WORK/dry-run.log" >&2; fail "kubectl apply --server-side --dry-run=server -f $f"; }
  log "dry-run=server accepted $(grep -c . "$WORK/dry-run.log") objects of ${f#"$ROOT/"}"
done

STEP="apply the renderings"
k apply --server-side -f "$WORK/render-secondary.yaml" >"$WORK/apply.log" 2>&1 \
  || { cat "$WORK/apply.log" >&2; fail "kubectl apply -f render-secondary.yaml"; }
# The service topology as another release (its own names), for its RBAC.
SVC_EXT=svc-netplane-extender
"$HELM" template svc "$CHART" --namespace "$NS" -f "$CHART/ci/rrsa-arn-values.yaml" >"$WORK/render-svc-release.yaml" \
  || fail "helm template svc -f rrsa-arn-values.yaml"
k apply --server-side -f "$WORK/render-svc-release.yaml" >>"$WORK/apply.log" 2>&1 \
  || { cat "$WORK/apply.log" >&2; fail "kubectl apply -f render-svc-release.yaml"; }
log "applied the secondary rendering (release $RELEASE) and the service topology (release svc)"

STEP="webhook failure policy"
# The webhook's configuration as rendered, with no webhook running behind its Service. First with
# failurePolicy Fail (a copy): pod creation in an opted-in namespace is refused, so the API server
# does call the webhook there; then as rendered (Ignore): the pod is created, unchanged.
webhook_config() { doc "$WORK/render-webhook.yaml" MutatingWebhookConfiguration "$WH"; }
probe_pod() { k -n webhook-check run probe --image=registry.k8s.io/pause:3.10 --restart=Never --dry-run=server -o name; }
refused() { ! probe_pod >/dev/null 2>&1; }
k apply --server-side -f <(doc "$WORK/render-webhook.yaml" Service "$WH"; echo ---; webhook_config | sed 's/failurePolicy: Ignore/failurePolicy: Fail/') \
  >>"$WORK/apply.log" 2>&1 || { cat "$WORK/apply.log" >&2; fail "kubectl apply the webhook's configuration and Service"; }
k create namespace webhook-check >/dev/null && k label namespace webhook-check netplane.io/scheduling=enabled >/dev/null
wait_until "a pod of the opted-in namespace refused with failurePolicy Fail" "" refused
refusal="$(probe_pod 2>&1)" && fail "webhook: a pod was admitted after one was refused"
grep -q 'failed calling webhook "pods.scheduling.netplane.io"' <<<"$refusal" || fail "webhook: the refusal does not name the webhook: $refusal"
k apply --server-side -f <(webhook_config) >>"$WORK/apply.log" 2>&1 || { cat "$WORK/apply.log" >&2; fail "kubectl apply the webhook's configuration"; }
wait_until "the rendered failurePolicy Ignore in force" "" probe_pod
k -n webhook-check run unchanged --image=registry.k8s.io/pause:3.10 --restart=Never >"$WORK/webhook-pod.log" 2>&1 \
  || { cat "$WORK/webhook-pod.log" >&2; fail "a pod of an opted-in namespace was refused while the webhook is unreachable"; }
[[ "$(k -n webhook-check get pod unchanged -o jsonpath='{.spec.schedulerName}')" == default-scheduler ]] || fail "webhook: the pod was changed"
k delete mutatingwebhookconfiguration "$WH" >/dev/null
k -n webhook-check delete pod unchanged --grace-period=0 --force >/dev/null 2>&1
log "webhook failure policy: its configuration applied with nothing behind its Service: with Fail, pods of an opted-in namespace are refused (the API server calls it); as rendered (Ignore), they are created unchanged"

STEP="RBAC"
# can SA VERB RESOURCE [NAMESPACE-FLAGS]: the applied RBAC allows it; cannot: it denies it.
# SA is the ServiceAccount without the "$RELEASE-" prefix, or a full name after a slash (/svc-...).
sa_user() { [[ $1 == /* ]] && echo "system:serviceaccount:$NS:${1#/}" || echo "system:serviceaccount:$NS:$RELEASE-$1"; }
can()    { local sa="$1"; shift; k auth can-i "$@" --as="$(sa_user "$sa")" >/dev/null 2>&1 || fail "$sa cannot: $*"; }
cannot() { local sa="$1"; shift; ! k auth can-i "$@" --as="$(sa_user "$sa")" >/dev/null 2>&1 || fail "$sa can: $*"; }
# The extender's read-only roles: as the scheduler pod's sidecar, and as its own pods.
for sa in scheduler "/$SVC_EXT"; do
  for v in get list watch; do
    for r in nodes namespaces pods podnetworkings.network.alibabacloud.com podenis.network.alibabacloud.com; do can "$sa" "$v" "$r" -A; done
    can "$sa" "$v" configmaps -n kube-system
  done
done
cannot "/$SVC_EXT" create events -n default; cannot "/$SVC_EXT" patch events.events.k8s.io -n default
cannot "/$SVC_EXT" list configmaps -n default; cannot "/$SVC_EXT" get secrets -n "$NS"; cannot "/$SVC_EXT" patch nodes
cannot "/$SVC_EXT" update pods -n default; cannot "/$SVC_EXT" create pods --subresource=binding -n default
# its one write to pods: the retry condition on a pending pod, through the status subresource only
can "/$SVC_EXT" patch pods --subresource=status -n default; cannot "/$SVC_EXT" patch pods -n default
cannot "/$SVC_EXT" update pods --subresource=status -n default
# Its leader election: create a Lease, then only its own (get, update, patch), in the release namespace only.
can "/$SVC_EXT" create leases.coordination.k8s.io -n "$NS"
for v in get update patch; do
  can "/$SVC_EXT" "$v" leases.coordination.k8s.io/netplane-extender -n "$NS"
  cannot "/$SVC_EXT" "$v" "leases.coordination.k8s.io/$SCHED_NAME" -n "$NS"
done
cannot "/$SVC_EXT" delete leases.coordination.k8s.io/netplane-extender -n "$NS"; cannot "/$SVC_EXT" create leases.coordination.k8s.io -n default
# The sidecar's pod holds no more than kube-scheduler's roles plus the extender's read-only ones.
cannot scheduler get secrets -n "$NS"; cannot scheduler list configmaps -n default; cannot scheduler patch nodes
cannot scheduler update leases.coordination.k8s.io/netplane-extender -n "$NS"
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
log "RBAC: every permission the components need is granted, and the least-privilege denials hold"

STEP="helm install --dry-run=server"
# Another release name: the objects applied above belong to no Helm release.
for mode in secondary control-plane; do
  "$HELM" install notes "$CHART" --namespace notes --dry-run=server -f "$CHART/ci/$mode-values.yaml" \
    >"$WORK/notes-$mode.txt" 2>&1 || { cat "$WORK/notes-$mode.txt" >&2; fail "helm install --dry-run=server ($mode)"; }
done
grep -q "schedulerName: $SCHED_NAME" "$WORK/notes-secondary.txt" && grep -q "Extender: a sidecar of each kube-scheduler pod" "$WORK/notes-secondary.txt" \
  || fail "secondary NOTES lack the schedulerName or the sidecar"
"$HELM" install notes "$CHART" --namespace notes --dry-run=server -f "$CHART/ci/webhook-values.yaml" \
  >"$WORK/notes-webhook.txt" 2>&1 || { cat "$WORK/notes-webhook.txt" >&2; fail "helm install --dry-run=server (webhook)"; }
grep -q "kubectl label namespace <namespace> netplane.io/scheduling=enabled" "$WORK/notes-webhook.txt" \
  || fail "webhook NOTES lack the namespace label"
grep -q "Scheduler: control-plane mode" "$WORK/notes-control-plane.txt" && grep -q 'urlPrefix: "http://127.0.0.1:8790/"' "$WORK/notes-control-plane.txt" \
  || fail "control-plane NOTES lack the extenders block"
log "helm install --dry-run=server: both modes and the webhook install, NOTES name the schedulerName / the extenders block / the namespace label"

# ------------------------------------------------------------------ 3. end to end
STEP="service accounts"
get_data() { k -n "$NS" get "$1" "$2" -o jsonpath="{.data.${3//./\\.}}"; }

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
# The sidecar runs as the scheduler pod's ServiceAccount: both programs use its token.
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
# start_extender NAME: the rendered --config file, minus what only holds in a pod (in-cluster and
# region, replaced by --kubeconfig and --inventory), listening on free loopback ports (sets
# <NAME>_PORT, <NAME>_HEALTH and <NAME>_PID). As in the pod, it runs as the scheduler's
# ServiceAccount.
start_extender() {
  local name="$1" port health pid
  free_port port
  free_port health
  get_data configmap "$RELEASE-extender" extender.yaml \
    | grep -Ev '^(in-cluster|region):' \
    | sed -e "s|^listen: 127\.0\.0\.1:8790\$|listen: 127.0.0.1:$port|" \
          -e "s|^health-listen: .*|health-listen: 127.0.0.1:$health|" >"$WORK/$name.yaml"
  grep -q "^listen: 127.0.0.1:$port\$" "$WORK/$name.yaml" || fail "the rendered extender config does not listen on 127.0.0.1:8790"
  java -jar "$JAR" serve --config "$WORK/$name.yaml" \
    --kubeconfig "$WORK/scheduler.kubeconfig" --inventory "$ROOT/deploy/demo/cluster/cloud" >"$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  printf -v "${name^^}_PORT" %s "$port"; printf -v "${name^^}_HEALTH" %s "$health"; printf -v "${name^^}_PID" %s "$pid"
}
start_extender extender
# What kubelet's probes and Prometheus read: plain HTTP on the health port.
health_curl() { curl -fsS --max-time 5 "http://127.0.0.1:$EXTENDER_HEALTH$1"; }
wait_until "extender /readyz on the health port (startup and readiness probes)" "$EXTENDER_PID" health_curl /readyz
health_curl /healthz >/dev/null || fail "extender /healthz on the health port (liveness probe)"
curl -fsS --max-time 5 "http://127.0.0.1:$EXTENDER_PORT/readyz" >/dev/null || fail "extender /readyz on its loopback port"
[[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{}' "http://127.0.0.1:$EXTENDER_HEALTH/filter")" == 404 ]] \
  || fail "the health port serves /filter"
log "extender ready on 127.0.0.1:$EXTENDER_PORT (plain HTTP, as in the pod) as ServiceAccount $RELEASE-scheduler; probes on :$EXTENDER_HEALTH"

STEP="start kube-scheduler"
# start_scheduler NAME EXTENDER-PORT: the rendered KubeSchedulerConfiguration; only the extender's
# port and the API connection (in a pod: in-cluster config) change. Sets <NAME>_PID.
start_scheduler() {
  local name="$1" ext_port="$2" port
  free_port port
  get_data configmap "$RELEASE-scheduler" config.yaml \
    | sed -e "s|urlPrefix: \"http://127\.0\.0\.1:8790/\"|urlPrefix: \"http://127.0.0.1:$ext_port/\"|" \
          -e "s|^clientConnection:|clientConnection:\n  kubeconfig: \"$WORK/scheduler.kubeconfig\"|" >"$WORK/$name-config.yaml"
  grep -q "urlPrefix: \"http://127.0.0.1:$ext_port/\"" "$WORK/$name-config.yaml" || fail "urlPrefix http://127.0.0.1:8790/ not found in the rendered configuration"
  "$NETPLANE_LOCAL_BIN/kube-scheduler" --config="$WORK/$name-config.yaml" \
    --bind-address=127.0.0.1 --secure-port="$port" --cert-dir="$WORK/$name-serving" \
    --authentication-kubeconfig="$WORK/scheduler.kubeconfig" --authorization-kubeconfig="$WORK/scheduler.kubeconfig" \
    >"$WORK/$name.log" 2>&1 &
  printf -v "${name^^}_PID" %s "$!"
  PIDS+=("$!")
  wait_until "$name /readyz" "$!" curl -fsk --max-time 5 "https://127.0.0.1:$port/readyz"
}
start_scheduler scheduler "$EXTENDER_PORT"
SCHED_PID="$SCHEDULER_PID"
wait_until "kube-scheduler leader election on Lease $NS/$SCHED_NAME" "$SCHED_PID" bash -c "[[ -n \"\$('$KUBECTL' -n $NS get lease $SCHED_NAME -o jsonpath='{.spec.holderIdentity}' 2>/dev/null)\" ]]"
log "kube-scheduler ready as ServiceAccount $RELEASE-scheduler, leader on Lease $NS/$SCHED_NAME, calling http://127.0.0.1:$EXTENDER_PORT/"

STEP="schedule through netplane"
# filter_count [HEALTH-PORT]: kube-scheduler's /filter calls the extender has answered.
filter_count() {
  curl -fsS --max-time 5 "http://127.0.0.1:${1:-$EXTENDER_HEALTH}/metrics" | awk '/^netplane_extender_request_duration_seconds_count\{.*verb="filter"/ {n += $2} END {printf "%d\n", n}'
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

STEP="one extender per active scheduler"
# A second replica of the pod: its own extender and a standby kube-scheduler. Only the leader's
# extender is called; when the leader goes, the new leader's extender (no holds of its own)
# serves, seeing the earlier bindings through its informers.
start_extender extender2
wait_until "second extender /readyz" "$EXTENDER2_PID" curl -fsS --max-time 5 "http://127.0.0.1:$EXTENDER2_HEALTH/readyz"
start_scheduler scheduler2 "$EXTENDER2_PORT"
LEADER="$(k -n "$NS" get lease "$SCHED_NAME" -o jsonpath='{.spec.holderIdentity}')"
BEFORE="$(filter_count)"
pod via-leader "schedulerName: $SCHED_NAME"
wait_until "pod via-leader bound" "$SCHED_PID" bash -c "[[ -n \"\$('$KUBECTL' -n demo get pod via-leader -o jsonpath='{.spec.nodeName}')\" ]]"
(( $(filter_count) > BEFORE )) || fail "the leader's extender served no /filter for via-leader"
[[ "$(filter_count "$EXTENDER2_HEALTH")" == 0 ]] || fail "the standby scheduler's extender was called"
kill "$SCHED_PID"
wait_until "the leader kube-scheduler exited" "" bash -c "! kill -0 $SCHED_PID 2>/dev/null"
pod via-new-leader "schedulerName: $SCHED_NAME"
wait_until "pod via-new-leader bound by the new leader" "$SCHEDULER2_PID" bash -c "[[ -n \"\$('$KUBECTL' -n demo get pod via-new-leader -o jsonpath='{.spec.nodeName}')\" ]]"
[[ "$(node_of via-new-leader)" == node-h ]] || fail "pod via-new-leader was bound to '$(node_of via-new-leader)', expected node-h"
(( $(filter_count "$EXTENDER2_HEALTH") > 0 )) || fail "the new leader did not call its own extender"
[[ "$(k -n "$NS" get lease "$SCHED_NAME" -o jsonpath='{.spec.holderIdentity}')" != "$LEADER" ]] || fail "the Lease did not change hands"
log "standby's extender got no call while $LEADER led; after it stopped, the new leader bound via-new-leader to node-h through its own extender"

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

kill -0 "$EXTENDER_PID" 2>/dev/null || fail "the extender exited"
kill -0 "$EXTENDER2_PID" 2>/dev/null || fail "the second extender exited"
kill -0 "$SCHEDULER2_PID" 2>/dev/null || fail "the second kube-scheduler exited"
kill -0 "$AGENT_PID" 2>/dev/null || fail "the agent exited"
STEP="alerts and dashboard against the running programs"
# The series names the extender (after scheduling) and the agent expose.
{ health_curl /metrics; agent_curl /metrics; } | awk '!/^#/ && NF { sub(/[{ ].*/, ""); print }' | sort -u >"$WORK/scraped.txt"
grep -q '^process_files_open_files$' "$WORK/scraped.txt" && grep -q '^netplane_agent_leader$' "$WORK/scraped.txt" \
  || fail "the scrape of the extender and the agent lacks process_files_open_files or netplane_agent_leader"
# Every netplane_ series exposed is one the code's metric list (checked equal to the docs) predicts.
unexpected="$(grep '^netplane_' "$WORK/scraped.txt" | comm -23 - <(awk '{print $2}' "$WORK/code-series.txt" | sort -u))"
[[ -z "$unexpected" ]] || fail "exposed but not predicted from the code's metrics (and so not in docs/operations.md): $unexpected"
# Known: what was scraped, plus the predicted series of families with no series yet (e.g.
# netplane_vswitch_capacity_unknown while every capacity is known).
awk 'NR == FNR { seen[$1] = 1; next } { fam[$2] = $1 }
     END { for (s in seen) { print s; if (s in fam) hit[fam[s]] = 1 }
           for (n in fam) if (!hit[fam[n]]) print n }' "$WORK/scraped.txt" "$WORK/code-series.txt" | sort -u >"$WORK/known.txt"
"$PROMQL" --known "$WORK/known.txt" "$WORK/rules.yaml" "$CHART/dashboards/netplane.json" >/dev/null \
  || fail "the alerts or the dashboard name a metric neither program exposes (known: $WORK/known.txt)"
log "alerts and dashboard queries name only series the extender and the agent expose ($(wc -l <"$WORK/scraped.txt") scraped; families without series yet taken from the code)"

STEP="done"
log "all checks passed"
