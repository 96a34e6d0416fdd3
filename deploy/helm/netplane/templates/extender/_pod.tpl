{{/*
The extender container and its volumes, the same in every layout: the service Deployment, the
control-plane DaemonSet and the sidecar of the kube-scheduler pod (whose own volumes are named
config, tls and tmp, hence the extender- prefix).
*/}}
{{- define "netplane.extender.container" -}}
{{- $e := .Values.extender -}}
{{- $service := eq (include "netplane.extender.layout" .) "service" -}}
name: extender
image: {{ include "netplane.image" (list . $e.image) | quote }}
imagePullPolicy: {{ default .Values.image.pullPolicy $e.image.pullPolicy }}
args:
  - serve
  - --config=/etc/netplane/config/extender.yaml
  {{- if $service }}
  # Only the Lease holder is ready and serves: one IP ledger behind the Service.
  - --leader-elect
  - --lease-name={{ $e.leaderElection.leaseName }}
  - --lease-namespace={{ .Release.Namespace }}
  - --lease-duration={{ $e.leaderElection.leaseDuration }}
  - --renew-deadline={{ $e.leaderElection.renewDeadline }}
  # The main port requires client certificates: `kubectl netplane` port-forwards to this
  # loopback-only plain listener instead (/explain, /inventory, health).
  - --local-port={{ $e.localPort }}
  {{- end }}
ports:
  {{- if $service }}
  - name: https
    containerPort: {{ $e.port }}
    protocol: TCP
  {{- end }}
  - name: health
    containerPort: {{ $e.healthPort }}
    protocol: TCP
env:
  - name: POD_NAME
    valueFrom:
      fieldRef:
        fieldPath: metadata.name
  - name: POD_NAMESPACE
    valueFrom:
      fieldRef:
        fieldPath: metadata.namespace
  - name: JAVA_TOOL_OPTIONS
    value: {{ $e.javaOpts | quote }}
  {{- with (include "netplane.cloudEnv" (list . "extender") | trim) }}
  {{- . | nindent 2 }}
  {{- end }}
  {{- with $e.extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
startupProbe:
  httpGet:
    path: /readyz
    port: health
  {{- toYaml $e.startupProbe | nindent 2 }}
livenessProbe:
  httpGet:
    path: /healthz
    port: health
  {{- toYaml $e.livenessProbe | nindent 2 }}
readinessProbe:
  httpGet:
    path: /readyz
    port: health
  {{- toYaml $e.readinessProbe | nindent 2 }}
resources:
  {{- toYaml $e.resources | nindent 2 }}
securityContext:
  {{- include "netplane.containerSecurityContext" . | nindent 2 }}
volumeMounts:
  - name: extender-config
    mountPath: /etc/netplane/config
    readOnly: true
  {{- if $service }}
  - name: extender-tls
    mountPath: /etc/netplane/tls
    readOnly: true
  {{- end }}
  - name: extender-tmp
    mountPath: /tmp
  {{- if include "netplane.rrsa.manual" (list . "extender") }}
  {{- include "netplane.rrsa.volumeMount" . | nindent 2 }}
  {{- end }}
{{- end -}}

{{- define "netplane.extender.volumes" -}}
- name: extender-config
  configMap:
    name: {{ include "netplane.extender.fullname" . }}
{{- if eq (include "netplane.extender.layout" .) "service" }}
# The serving pair and the CA that signs client certificates; never a CA key (the items list
# leaves out every other key of the Secret).
- name: extender-tls
  secret:
    secretName: {{ include "netplane.tls.serverSecret" . }}
    defaultMode: 0440
    items:
      - {key: tls.crt, path: tls.crt}
      - {key: tls.key, path: tls.key}
      - {key: ca.crt, path: ca.crt}
{{- end }}
- name: extender-tmp
  emptyDir:
    sizeLimit: 256Mi
{{- if include "netplane.rrsa.manual" (list . "extender") }}
{{ include "netplane.rrsa.volume" (list .) }}
{{- end }}
{{- end -}}

{{/* Pod annotations that restart the extender when its settings change. */}}
{{- define "netplane.extender.checksum" -}}
checksum/extender-config: {{ include (print .Template.BasePath "/extender/configmap.yaml") . | sha256sum }}
{{- end -}}
