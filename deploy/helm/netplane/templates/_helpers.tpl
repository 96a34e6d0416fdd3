{{/* Names */}}
{{- define "netplane.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "netplane.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "netplane.extender.fullname" -}}{{ include "netplane.fullname" . }}-extender{{- end -}}
{{- define "netplane.agent.fullname" -}}{{ include "netplane.fullname" . }}-nodepool-agent{{- end -}}
{{- define "netplane.scheduler.fullname" -}}{{ include "netplane.fullname" . }}-scheduler{{- end -}}

{{/* Labels: common, then per component (selector labels are the stable subset). */}}
{{- define "netplane.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "netplane.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: netplane
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* netplane.selectorLabels (list $ "component") */}}
{{- define "netplane.selectorLabels" -}}
{{- $ := index . 0 -}}
app.kubernetes.io/name: {{ include "netplane.name" $ }}
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* netplane.componentLabels (list $ "component") */}}
{{- define "netplane.componentLabels" -}}
{{ include "netplane.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* netplane.image (list $ .Values.extender.image): registry/repository:tag */}}
{{- define "netplane.image" -}}
{{- $ := index . 0 -}}
{{- $img := index . 1 -}}
{{- $registry := default $.Values.image.registry $img.registry -}}
{{- $tag := default $.Chart.AppVersion $img.tag -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) $img.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $img.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "netplane.region" -}}
{{- required "cloud.region is required (e.g. --set cloud.region=cn-hangzhou)" .Values.cloud.region -}}
{{- end -}}

{{/*
Where the extender runs, from extender.topology and scheduler.mode: "sidecar" (a container of the
chart's kube-scheduler pod), "daemonset" (on the control-plane hosts, beside their kube-scheduler)
or "service" (leader-elected replicas behind a Service). The first two give every kube-scheduler
its own extender on 127.0.0.1.
*/}}
{{- define "netplane.extender.layout" -}}
{{- if eq .Values.extender.topology "service" -}}service
{{- else if eq .Values.scheduler.mode "secondary" -}}sidecar
{{- else -}}daemonset
{{- end -}}
{{- end -}}

{{/* The ServiceAccount the extender runs as: the kube-scheduler pod's when it is its sidecar. */}}
{{- define "netplane.extender.serviceAccount" -}}
{{- if eq (include "netplane.extender.layout" .) "sidecar" -}}
{{- include "netplane.scheduler.fullname" . -}}
{{- else -}}
{{- include "netplane.extender.fullname" . -}}
{{- end -}}
{{- end -}}

{{/* Service DNS name the extender certificate is issued for and kube-scheduler verifies. */}}
{{- define "netplane.extender.serviceHost" -}}
{{- printf "%s.%s.svc" (include "netplane.extender.fullname" .) .Release.Namespace -}}
{{- end -}}

{{- define "netplane.extender.urlPrefix" -}}
{{- if ne (include "netplane.extender.layout" .) "service" -}}
{{- if .Values.scheduler.extender.urlPrefix -}}
{{- fail "scheduler.extender.urlPrefix is for extender.topology=service: the loopback topology always calls http://127.0.0.1:<extender.port>/" -}}
{{- end -}}
{{- printf "http://127.0.0.1:%d/" (int .Values.extender.port) -}}
{{- else if .Values.scheduler.extender.urlPrefix -}}
{{- .Values.scheduler.extender.urlPrefix -}}
{{- else -}}
{{- printf "https://%s:%d" (include "netplane.extender.serviceHost" .) (int .Values.extender.service.port) -}}
{{- end -}}
{{- end -}}

{{/* TLS Secret names: the extender's serving certificate (+ CA), the scheduler's client certificate. */}}
{{- define "netplane.tls.serverSecret" -}}
{{- default (printf "%s-tls" (include "netplane.extender.fullname" .)) .Values.tls.existingSecret -}}
{{- end -}}
{{- define "netplane.tls.clientSecret" -}}
{{- default (printf "%s-client-tls" (include "netplane.scheduler.fullname" .)) .Values.tls.clientAuth.existingSecret -}}
{{- end -}}

{{/*
Where the service topology's certificates come from: "cert-manager" or "existing". The chart
generates none (Helm's genSignedCert cannot narrow a certificate's extended key usage).
*/}}
{{- define "netplane.tls.source" -}}
{{- $cm := .Values.tls.certManager.issuerRef -}}
{{- if and $cm .Values.tls.existingSecret -}}
{{- fail "tls.certManager.issuerRef and tls.existingSecret exclude each other: cert-manager writes the Secrets the chart names itself" -}}
{{- else if $cm -}}
{{- if not $cm.name -}}{{- fail "tls.certManager.issuerRef.name is required (e.g. {name: netplane-ca, kind: Issuer})" -}}{{- end -}}
cert-manager
{{- else if .Values.tls.existingSecret -}}
{{- if and .Values.tls.clientAuth.enabled (not .Values.tls.clientAuth.existingSecret) -}}
{{- fail "tls.clientAuth.existingSecret is required with tls.existingSecret when tls.clientAuth.enabled (or set tls.clientAuth.enabled=false)" -}}
{{- end -}}
existing
{{- else -}}
{{- fail "extender.topology=service serves HTTPS and the chart generates no certificates: set tls.certManager.issuerRef (cert-manager issues them) or tls.existingSecret (with tls.clientAuth.existingSecret and tls.clientAuth.allowedNames); see the chart README, \"TLS\"" -}}
{{- end -}}
{{- end -}}

{{/* The name the scheduler's cert-manager client certificate is issued to (the extender's default --tls-client-names). */}}
{{- define "netplane.tls.clientName" -}}netplane-scheduler-client{{- end -}}

{{/* Client certificate names the extender accepts: tls.clientAuth.allowedNames, else the default client name. */}}
{{- define "netplane.tls.clientNames" -}}
{{- if .Values.tls.clientAuth.allowedNames -}}
{{- join "," .Values.tls.clientAuth.allowedNames -}}
{{- else if .Values.tls.existingSecret -}}
{{- fail "tls.clientAuth.allowedNames is required with tls.existingSecret when tls.clientAuth.enabled: the subject CN or a DNS name of the client certificate in tls.clientAuth.existingSecret" -}}
{{- else -}}
{{- include "netplane.tls.clientName" . -}}
{{- end -}}
{{- end -}}

{{/* Pod and container security context shared by every pod of the chart. */}}
{{- define "netplane.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}
{{- define "netplane.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Cloud credential environment: netplane.cloudEnv (list $ "extender"|"agent").
secret: the AccessKey pair from an existing Secret. rrsa with role ARNs: the variables the
default credential chain reads for OIDC role assumption, with the projected token below.
*/}}
{{- define "netplane.cloudEnv" -}}
{{- $ := index . 0 -}}
{{- $component := index . 1 -}}
{{- $c := $.Values.cloud.credentials -}}
{{- if eq $c.source "secret" }}
- name: ALIBABA_CLOUD_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ required "cloud.credentials.secret.name is required with cloud.credentials.source=secret" $c.secret.name }}
      key: {{ $c.secret.accessKeyIdKey }}
- name: ALIBABA_CLOUD_ACCESS_KEY_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $c.secret.name }}
      key: {{ $c.secret.accessKeySecretKey }}
{{- else if and (eq $c.source "rrsa") (include "netplane.rrsa.roleArn" (list $ $component)) }}
- name: ALIBABA_CLOUD_ROLE_ARN
  value: {{ include "netplane.rrsa.roleArn" (list $ $component) | quote }}
- name: ALIBABA_CLOUD_OIDC_PROVIDER_ARN
  value: {{ required "cloud.credentials.rrsa.oidcProviderArn is required with a role ARN" $c.rrsa.oidcProviderArn | quote }}
- name: ALIBABA_CLOUD_OIDC_TOKEN_FILE
  value: /var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token
- name: ALIBABA_CLOUD_ROLE_SESSION_NAME
  value: {{ printf "netplane-%s" $component | quote }}
{{- end }}
{{- end -}}

{{- define "netplane.rrsa.roleArn" -}}
{{- $ := index . 0 -}}
{{- if eq (index . 1) "extender" -}}{{ $.Values.cloud.credentials.rrsa.extenderRoleArn }}{{- else -}}{{ $.Values.cloud.credentials.rrsa.agentRoleArn }}{{- end -}}
{{- end -}}

{{- define "netplane.rrsa.roleName" -}}
{{- $ := index . 0 -}}
{{- if eq (index . 1) "extender" -}}{{ $.Values.cloud.credentials.rrsa.extenderRoleName }}{{- else -}}{{ $.Values.cloud.credentials.rrsa.agentRoleName }}{{- end -}}
{{- end -}}

{{/* True (non-empty) when the chart mounts the RRSA token itself. */}}
{{- define "netplane.rrsa.manual" -}}
{{- $ := index . 0 -}}
{{- if and (eq $.Values.cloud.credentials.source "rrsa") (include "netplane.rrsa.roleArn" .) -}}true{{- end -}}
{{- end -}}

{{- define "netplane.rrsa.volumeMount" -}}
- name: rrsa-token
  mountPath: /var/run/secrets/ack.alibabacloud.com/rrsa-tokens
  readOnly: true
{{- end -}}
{{- define "netplane.rrsa.volume" -}}
{{- $ := index . 0 -}}
- name: rrsa-token
  projected:
    defaultMode: 0440
    sources:
      - serviceAccountToken:
          path: token
          audience: {{ $.Values.cloud.credentials.rrsa.tokenAudience }}
          expirationSeconds: {{ int $.Values.cloud.credentials.rrsa.tokenExpirationSeconds }}
{{- end -}}

{{/* ServiceAccount annotations: RRSA role name plus the user's. netplane.saAnnotations (list $ component extra) */}}
{{- define "netplane.saAnnotations" -}}
{{- $ := index . 0 -}}
{{- $a := deepCopy (index . 2) -}}
{{- $role := include "netplane.rrsa.roleName" (list $ (index . 1)) -}}
{{- if and (eq $.Values.cloud.credentials.source "rrsa") $role -}}
{{- $_ := set $a "pod-identity.alibabacloud.com/role-name" $role -}}
{{- end -}}
{{- if $a }}
annotations:
  {{- toYaml $a | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The extenders entry of a KubeSchedulerConfiguration. netplane.extendersBlock (list $ certDir) */}}
{{- define "netplane.extendersBlock" -}}
{{- $ := index . 0 -}}
{{- $dir := index . 1 -}}
{{- $e := $.Values.scheduler.extender -}}
{{- $service := eq (include "netplane.extender.layout" $) "service" -}}
extenders:
  - urlPrefix: {{ include "netplane.extender.urlPrefix" $ | quote }}
    filterVerb: filter
    prioritizeVerb: prioritize
    preemptVerb: preempt
    weight: {{ int $e.weight }}
    nodeCacheCapable: true
    enableHTTPS: {{ $service }}
    {{- if $service }}
    tlsConfig:
      serverName: {{ include "netplane.extender.serviceHost" $ | quote }}
      caFile: {{ printf "%s/ca.crt" $dir | quote }}
      {{- if $.Values.tls.clientAuth.enabled }}
      certFile: {{ printf "%s/client.crt" $dir | quote }}
      keyFile: {{ printf "%s/client.key" $dir | quote }}
      {{- end }}
    {{- end }}
    httpTimeout: {{ $e.httpTimeout | quote }}
    ignorable: {{ $e.ignorable }}
{{- end -}}
