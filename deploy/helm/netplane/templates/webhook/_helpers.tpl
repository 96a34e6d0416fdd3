{{- define "netplane.webhook.fullname" -}}{{ include "netplane.fullname" . }}-webhook{{- end -}}

{{/* The webhook's serving Secret: existingSecret, else the one cert-manager writes. */}}
{{- define "netplane.webhook.tlsSecret" -}}
{{- default (printf "%s-tls" (include "netplane.webhook.fullname" .)) .Values.webhook.tls.existingSecret -}}
{{- end -}}

{{/* The webhook's cert-manager issuer: webhook.tls.certManager.issuerRef, else tls.certManager.issuerRef; empty when neither. */}}
{{- define "netplane.webhook.issuerRef" -}}
{{- with (default .Values.tls.certManager.issuerRef .Values.webhook.tls.certManager.issuerRef) -}}
{{- toYaml . -}}
{{- end -}}
{{- end -}}

{{/*
Where the webhook's certificate comes from: "cert-manager" or "existing". The chart generates
none, and no CA key is mounted anywhere: cert-manager keeps it with its issuer.
*/}}
{{- define "netplane.webhook.tlsSource" -}}
{{- $w := .Values.webhook.tls -}}
{{- if $w.existingSecret -}}
{{- if not $w.caBundle -}}
{{- fail "webhook.tls.caBundle is required with webhook.tls.existingSecret: base64 of the PEM CA certificate that signed it, which the API server trusts for the webhook" -}}
{{- end -}}
existing
{{- else if $w.caBundle -}}
{{- fail "webhook.tls.caBundle is only for webhook.tls.existingSecret: with cert-manager its CA injector fills the caBundle" -}}
{{- else if include "netplane.webhook.issuerRef" . -}}
cert-manager
{{- else -}}
{{- fail "webhook.enabled needs a serving certificate: set webhook.tls.certManager.issuerRef (or tls.certManager.issuerRef), or webhook.tls.existingSecret with webhook.tls.caBundle; see the chart README, \"Admission webhook\"" -}}
{{- end -}}
{{- end -}}
