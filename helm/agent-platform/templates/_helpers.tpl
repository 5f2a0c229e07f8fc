{{/* The chart name, or nameOverride. */}}
{{- define "agent-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release-qualified name of the chart's own objects (Deployment, Service, Secrets, HPA, PDB). */}}
{{- define "agent-platform.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "agent-platform.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "agent-platform.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the host's pods. */}}
{{- define "agent-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "agent-platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The Secret holding one token: existingSecret, or the chart's own. Call with (dict "root" $ "token" <values> "suffix" <name>). */}}
{{- define "agent-platform.tokenSecretName" -}}
{{- if .token.existingSecret }}
{{- .token.existingSecret }}
{{- else }}
{{- printf "%s-%s" (include "agent-platform.fullname" .root) .suffix }}
{{- end }}
{{- end }}

{{/* The platform topics on the pubsub component, granted to the host only. */}}
{{- define "agent-platform.platformTopics" -}}
agents.messages,agents.status,platform.dead-letter
{{- end }}

{{/* The channel.<id> topics opened in channelTopics, comma-separated. */}}
{{- define "agent-platform.channelTopics" -}}
{{- $topics := list }}
{{- range .Values.channelTopics }}
{{- $topics = append $topics (printf "channel.%s" .channel) }}
{{- end }}
{{- join "," $topics }}
{{- end }}

{{/* subscriptionScopes of the pubsub component: the host gets the platform topics, each listed app its channels. */}}
{{- define "agent-platform.subscriptionScopes" -}}
{{- $byApp := dict }}
{{- range .Values.channelTopics }}
{{- $topic := printf "channel.%s" .channel }}
{{- range .subscribers }}
{{- $_ := set $byApp . (append (default list (get $byApp .)) $topic) }}
{{- end }}
{{- end }}
{{- $scopes := list (printf "agent-platform=%s" (include "agent-platform.platformTopics" .)) }}
{{- range $app := keys $byApp | sortAlpha }}
{{- $scopes = append $scopes (printf "%s=%s" $app (join "," (get $byApp $app))) }}
{{- end }}
{{- join ";" $scopes }}
{{- end }}

{{/* Renders spec.metadata items (value or secretKeyRef) of one component. */}}
{{- define "agent-platform.componentMetadata" -}}
{{- range . }}
- name: {{ .name | quote }}
{{- if .secretKeyRef }}
  secretKeyRef:
    name: {{ .secretKeyRef.name | quote }}
    key: {{ .secretKeyRef.key | quote }}
{{- else }}
  value: {{ .value | toString | quote }}
{{- end }}
{{- end }}
{{- end }}
