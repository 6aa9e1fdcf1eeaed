import type { EngineTemplates } from './engine-templates.js';
import type { ScaffoldChoices } from './choices.js';
import { TEST_HOOK_ANNOTATION } from './gotpl-templates.js';

/*
 * The liquid scaffold: the same objects as the gotpl one, written for helmts' liquid engine
 * (Chart.yaml `engine: liquid`). Conventions it relies on:
 *  - objects are `Values`, `Chart`, `Release`, `Capabilities` with gotpl's field names;
 *  - a partial `templates/_<name>.liquid` is included as `{% include '<name>' %}` (scope shared);
 *  - Helm's filters under Helm's names: toYaml, nindent, quote, trunc, trimSuffix;
 *  - `x != blank` is gotpl's truthiness for maps, lists and strings (liquid treats `{}` and "" as true);
 *  - conditions and `default` may read a value that is not set (liquidjs' lenientIf), since
 *    the gotpl scaffold reads optional values the same way.
 * Rendered with the default values, every template gives what the gotpl scaffold gives.
 */

/** `{% capture x %}{% include 'x' %}{% endcapture %}` lines that emit nothing. */
function captures(...names: string[]): string {
  return names.map((name) => `{%- capture ${name} %}{% include '${name}' %}{% endcapture -%}\n`).join('');
}

const PARTIAL_NAME = `{%- comment -%}
Expand the name of the chart.
{%- endcomment -%}
{{- Values.nameOverride | default: Chart.Name | trunc: 63 | trimSuffix: "-" -}}
`;

const PARTIAL_FULLNAME = `{%- comment -%}
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
{%- endcomment -%}
{%- if Values.fullnameOverride != blank -%}
{{- Values.fullnameOverride | trunc: 63 | trimSuffix: "-" -}}
{%- else -%}
{%- assign fullnameBase = Values.nameOverride | default: Chart.Name -%}
{%- if Release.Name contains fullnameBase -%}
{{- Release.Name | trunc: 63 | trimSuffix: "-" -}}
{%- else -%}
{{- Release.Name | append: "-" | append: fullnameBase | trunc: 63 | trimSuffix: "-" -}}
{%- endif -%}
{%- endif -%}
`;

const PARTIAL_CHART = `{%- comment -%}
Create chart name and version as used by the chart label.
{%- endcomment -%}
{{- Chart.Name | append: "-" | append: Chart.Version | replace: "+", "_" | trunc: 63 | trimSuffix: "-" -}}
`;

const PARTIAL_LABELS = `{%- comment -%}
Common labels
{%- endcomment -%}
helm.sh/chart: {% include 'chart' %}
{% include 'selectorLabels' %}
{%- if Chart.AppVersion != blank %}
app.kubernetes.io/version: {{ Chart.AppVersion | quote }}
{%- endif %}
app.kubernetes.io/managed-by: {{ Release.Service -}}
`;

const PARTIAL_SELECTOR_LABELS = `{%- comment -%}
Selector labels
{%- endcomment -%}
app.kubernetes.io/name: {% include 'name' %}
app.kubernetes.io/instance: {{ Release.Name -}}
`;

const PARTIAL_SERVICE_ACCOUNT_NAME = `{%- comment -%}
Create the name of the service account to use
{%- endcomment -%}
{%- if Values.serviceAccount.create -%}
{%- capture serviceAccountFullname %}{% include 'fullname' %}{% endcapture -%}
{{- Values.serviceAccount.name | default: serviceAccountFullname -}}
{%- else -%}
{{- Values.serviceAccount.name | default: "default" -}}
{%- endif -%}
`;

function deployment(choices: ScaffoldChoices): string {
  const r = choices.resources;
  const replicas = r.autoscaling
    ? `  {%- unless Values.autoscaling.enabled %}
  replicas: {{ Values.replicaCount }}
  {%- endunless %}`
    : '  replicas: {{ Values.replicaCount }}';
  const serviceAccount = r.serviceAccount ? '\n      serviceAccountName: {{ serviceAccountName }}' : '';
  const envFrom = r.configMap
    ? `
          {%- if Values.configMap.enabled %}
          envFrom:
            - configMapRef:
                name: {{ fullname }}
          {%- endif %}`
    : '';
  const port = r.service ? 'Values.service.port' : 'Values.containerPort';
  const withBlock = (path: string, key: string, indent: number): string => {
    const pad = ' '.repeat(indent);
    return `
${pad}{%- if ${path} != blank %}
${pad}${key}:
${pad}  {{- ${path} | toYaml | nindent: ${indent + 2} }}
${pad}{%- endif %}`;
  };
  return `${captures('fullname', 'labels', 'selectorLabels', ...(r.serviceAccount ? ['serviceAccountName'] : []))}apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ fullname }}
  labels:
    {{- labels | nindent: 4 }}
spec:
${replicas}
  selector:
    matchLabels:
      {{- selectorLabels | nindent: 6 }}
  template:
    metadata:${withBlock('Values.podAnnotations', 'annotations', 6)}
      labels:
        {{- labels | nindent: 8 }}
        {%- if Values.podLabels != blank %}
        {{- Values.podLabels | toYaml | nindent: 8 }}
        {%- endif %}
    spec:${withBlock('Values.imagePullSecrets', 'imagePullSecrets', 6)}${serviceAccount}${withBlock('Values.podSecurityContext', 'securityContext', 6)}
      containers:
        - name: {{ Chart.Name }}${withBlock('Values.securityContext', 'securityContext', 10)}
          image: "{{ Values.image.repository }}:{{ Values.image.tag | default: Chart.AppVersion }}"
          imagePullPolicy: {{ Values.image.pullPolicy }}${envFrom}
          ports:
            - name: http
              containerPort: {{ ${port} }}
              protocol: TCP${withBlock('Values.livenessProbe', 'livenessProbe', 10)}${withBlock('Values.readinessProbe', 'readinessProbe', 10)}${withBlock('Values.resources', 'resources', 10)}${withBlock('Values.volumeMounts', 'volumeMounts', 10)}${withBlock('Values.volumes', 'volumes', 6)}${withBlock('Values.nodeSelector', 'nodeSelector', 6)}${withBlock('Values.affinity', 'affinity', 6)}${withBlock('Values.tolerations', 'tolerations', 6)}
`;
}

const SERVICE = `${captures('fullname', 'labels', 'selectorLabels')}apiVersion: v1
kind: Service
metadata:
  name: {{ fullname }}
  labels:
    {{- labels | nindent: 4 }}
spec:
  type: {{ Values.service.type }}
  ports:
    - port: {{ Values.service.port }}
      targetPort: http
      protocol: TCP
      name: http
  selector:
    {{- selectorLabels | nindent: 4 }}
`;

const SERVICE_ACCOUNT = `{%- if Values.serviceAccount.create -%}
${captures('serviceAccountName', 'labels')}apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ serviceAccountName }}
  labels:
    {{- labels | nindent: 4 }}
  {%- if Values.serviceAccount.annotations != blank %}
  annotations:
    {{- Values.serviceAccount.annotations | toYaml | nindent: 4 }}
  {%- endif %}
automountServiceAccountToken: {{ Values.serviceAccount.automount }}
{%- endif %}
`;

const INGRESS = `{%- if Values.ingress.enabled -%}
${captures('fullname', 'labels')}apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ fullname }}
  labels:
    {{- labels | nindent: 4 }}
  {%- if Values.ingress.annotations != blank %}
  annotations:
    {{- Values.ingress.annotations | toYaml | nindent: 4 }}
  {%- endif %}
spec:
  {%- if Values.ingress.className != blank %}
  ingressClassName: {{ Values.ingress.className }}
  {%- endif %}
  {%- if Values.ingress.tls != blank %}
  tls:
    {%- for tls in Values.ingress.tls %}
    - hosts:
        {%- for host in tls.hosts %}
        - {{ host | quote }}
        {%- endfor %}
      secretName: {{ tls.secretName }}
    {%- endfor %}
  {%- endif %}
  rules:
    {%- for host in Values.ingress.hosts %}
    - host: {{ host.host | quote }}
      http:
        paths:
          {%- for path in host.paths %}
          - path: {{ path.path }}
            {%- if path.pathType != blank %}
            pathType: {{ path.pathType }}
            {%- endif %}
            backend:
              service:
                name: {{ fullname }}
                port:
                  number: {{ Values.service.port }}
          {%- endfor %}
    {%- endfor %}
{%- endif %}
`;

const HPA = `${captures('fullname')}{%- capture labels %}{% include 'labels' %}{% endcapture %}
{%- if Values.autoscaling.enabled %}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ fullname }}
  labels:
    {{- labels | nindent: 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ fullname }}
  minReplicas: {{ Values.autoscaling.minReplicas }}
  maxReplicas: {{ Values.autoscaling.maxReplicas }}
  metrics:
    {%- if Values.autoscaling.targetCPUUtilizationPercentage %}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ Values.autoscaling.targetCPUUtilizationPercentage }}
    {%- endif %}
    {%- if Values.autoscaling.targetMemoryUtilizationPercentage %}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ Values.autoscaling.targetMemoryUtilizationPercentage }}
    {%- endif %}
{%- endif %}
`;

const HTTP_ROUTE = `{%- if Values.httpRoute.enabled -%}
{%- capture fullName %}{% include 'fullname' %}{% endcapture -%}
{%- assign svcPort = Values.service.port -%}
${captures('labels')}apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: {{ fullName }}
  labels:
    {{- labels | nindent: 4 }}
  {%- if Values.httpRoute.annotations != blank %}
  annotations:
    {{- Values.httpRoute.annotations | toYaml | nindent: 4 }}
  {%- endif %}
spec:
  parentRefs:
    {%- if Values.httpRoute.parentRefs != blank %}
      {{- Values.httpRoute.parentRefs | toYaml | nindent: 4 }}
    {%- endif %}
  {%- if Values.httpRoute.hostnames != blank %}
  hostnames:
    {{- Values.httpRoute.hostnames | toYaml | nindent: 4 }}
  {%- endif %}
  rules:
    {%- for rule in Values.httpRoute.rules %}
    {%- if rule.matches != blank %}
    - matches:
      {{- rule.matches | toYaml | nindent: 8 }}
    {%- endif %}
    {%- if rule.filters != blank %}
      filters:
      {{- rule.filters | toYaml | nindent: 8 }}
    {%- endif %}
      backendRefs:
        - name: {{ fullName }}
          port: {{ svcPort }}
          weight: 1
    {%- endfor %}
{%- endif %}
`;

const CONFIG_MAP = `{%- if Values.configMap.enabled -%}
${captures('fullname', 'labels')}apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ fullname }}
  labels:
    {{- labels | nindent: 4 }}
{%- if Values.configMap.data != blank %}
data:
  {{- Values.configMap.data | toYaml | nindent: 2 }}
{%- endif %}
{%- endif %}
`;

interface NotesBranch {
  condition?: string;
  body: string;
}

function notes(choices: ScaffoldChoices): string {
  const r = choices.resources;
  const branches: NotesBranch[] = [];
  if (r.httpRoute)
    branches.push({
      condition: 'Values.httpRoute.enabled',
      body: `{%- assign parentRef = Values.httpRoute.parentRefs | first %}
{%- if Values.httpRoute.hostnames != blank %}
    export APP_HOSTNAME={{ Values.httpRoute.hostnames | first }}
{%- else %}
    export APP_HOSTNAME=$(kubectl get --namespace {{ parentRef.namespace | default: Release.Namespace }} gateway/{{ parentRef.name }} -o jsonpath="{.spec.listeners[0].hostname}")
  {%- endif %}
{%- assign firstRule = Values.httpRoute.rules | first %}
{%- assign firstMatch = firstRule.matches | first %}
{%- if firstMatch.path.value %}
    echo "Visit http://$APP_HOSTNAME{{ firstMatch.path.value }} to use your application"

    NOTE: Your HTTPRoute depends on the listener configuration of your gateway and your HTTPRoute rules.
    The rules can be set for path, method, header and query parameters.
    You can check the gateway configuration with 'kubectl get --namespace {{ parentRef.namespace | default: Release.Namespace }} gateway/{{ parentRef.name }} -o yaml'
{%- endif %}`,
    });
  if (r.ingress)
    branches.push({
      condition: 'Values.ingress.enabled',
      body: `{%- for host in Values.ingress.hosts %}
  {%- for path in host.paths %}
  http{% if Values.ingress.tls != blank %}s{% endif %}://{{ host.host }}{{ path.path }}
  {%- endfor %}
{%- endfor %}`,
    });
  if (r.service) {
    branches.push(
      {
        condition: 'Values.service.type contains "NodePort"',
        body: `  export NODE_PORT=$(kubectl get --namespace {{ Release.Namespace }} -o jsonpath="{.spec.ports[0].nodePort}" services {{ fullname }})
  export NODE_IP=$(kubectl get nodes --namespace {{ Release.Namespace }} -o jsonpath="{.items[0].status.addresses[0].address}")
  echo http://$NODE_IP:$NODE_PORT`,
      },
      {
        condition: 'Values.service.type contains "LoadBalancer"',
        body: `     NOTE: It may take a few minutes for the LoadBalancer IP to be available.
           You can watch its status by running 'kubectl get --namespace {{ Release.Namespace }} svc -w {{ fullname }}'
  export SERVICE_IP=$(kubectl get svc --namespace {{ Release.Namespace }} {{ fullname }} --template "{% raw %}{{ range (index .status.loadBalancer.ingress 0) }}{{.}}{{ end }}{% endraw %}")
  echo http://$SERVICE_IP:{{ Values.service.port }}`,
      },
    );
  }
  if (r.deployment) {
    branches.push({
      condition: r.service ? 'Values.service.type contains "ClusterIP"' : undefined,
      body: `  export POD_NAME=$(kubectl get pods --namespace {{ Release.Namespace }} -l "app.kubernetes.io/name={{ name }},app.kubernetes.io/instance={{ Release.Name }}" -o jsonpath="{.items[0].metadata.name}")
  export CONTAINER_PORT=$(kubectl get pod --namespace {{ Release.Namespace }} $POD_NAME -o jsonpath="{.spec.containers[0].ports[0].containerPort}")
  echo "Visit http://127.0.0.1:8080 to use your application"
  kubectl --namespace {{ Release.Namespace }} port-forward $POD_NAME 8080:$CONTAINER_PORT`,
    });
  }
  const heading =
    branches.length > 0
      ? '1. Get the application URL by running these commands:'
      : '1. See what the release created:\n  kubectl get all --namespace {{ Release.Namespace }} -l "app.kubernetes.io/instance={{ Release.Name }}"';
  const lines = [`${captures('name', 'fullname')}${heading}`];
  branches.forEach((branch, index) => {
    if (index === 0 && branch.condition === undefined) {
      lines.push(branch.body);
      return;
    }
    const keyword = index === 0 ? 'if' : branch.condition === undefined ? 'else' : 'elsif';
    lines.push(`{%- ${keyword}${branch.condition === undefined ? '' : ` ${branch.condition}`} %}`, branch.body);
  });
  if (branches.length > 0 && !(branches.length === 1 && branches[0].condition === undefined))
    lines.push('{%- endif %}');
  return `${lines.join('\n')}\n`;
}

const TEST_CONNECTION = `${captures('fullname', 'labels')}apiVersion: v1
kind: Pod
metadata:
  name: "{{ fullname }}-test-connection"
  labels:
    {{- labels | nindent: 4 }}
  annotations:
    ${TEST_HOOK_ANNOTATION}
spec:
  containers:
    - name: wget
      image: busybox
      command: ['wget']
      args: ['{{ fullname }}:{{ Values.service.port }}']
  restartPolicy: Never
`;

/** The same scaffold in liquid: templates plus `_*.liquid` partials in place of _helpers.tpl. */
export const LIQUID_TEMPLATES: EngineTemplates = {
  ingress: INGRESS,
  httpRoute: HTTP_ROUTE,
  deployment,
  service: SERVICE,
  serviceAccount: SERVICE_ACCOUNT,
  hpa: HPA,
  configMap: CONFIG_MAP,
  notes,
  helpers: (choices) => [
    ['templates/_name.liquid', PARTIAL_NAME],
    ['templates/_fullname.liquid', PARTIAL_FULLNAME],
    ['templates/_chart.liquid', PARTIAL_CHART],
    ['templates/_labels.liquid', PARTIAL_LABELS],
    ['templates/_selectorLabels.liquid', PARTIAL_SELECTOR_LABELS],
    ...(choices.resources.serviceAccount
      ? [['templates/_serviceAccountName.liquid', PARTIAL_SERVICE_ACCOUNT_NAME] as [string, string]]
      : []),
  ],
  testConnection: TEST_CONNECTION,
};
