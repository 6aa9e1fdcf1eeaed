import type { ScaffoldChoices } from './choices.js';
import { yamlString } from './yaml-scalar.js';

/** A block of values.yaml lines, kept when its condition holds. */
type Part = [when: boolean, text: string];

/**
 * values.yaml of the scaffold. With the default choices this is, byte for byte, the file
 * `helm create` writes; other choices drop the blocks of objects that are not included. The
 * values are the same for both engines, so both scaffolds render from one file.
 */
export function scaffoldValuesYaml(chartName: string, choices: ScaffoldChoices): string {
  const r = choices.resources;
  const workload = r.deployment;
  const groups: Part[][] = [
    [
      [
        true,
        `# Default values for ${chartName}.
# This is a YAML-formatted file.
# Declare variables to be passed into your templates.`,
      ],
    ],
    [
      [
        workload,
        `# This will set the replicaset count more information can be found here: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/
replicaCount: 1`,
      ],
    ],
    [
      [
        workload,
        `# This sets the container image more information can be found here: https://kubernetes.io/docs/concepts/containers/images/
image:
  repository: ${yamlString(choices.imageRepository)}
  # This sets the pull policy for images.
  pullPolicy: IfNotPresent
  # Overrides the image tag whose default is the chart appVersion.
  tag: ${JSON.stringify(choices.imageTag)}`,
      ],
    ],
    [
      [
        workload,
        `# This is for the secrets for pulling an image from a private repository more information can be found here: https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/
imagePullSecrets: []`,
      ],
      [
        true,
        `# This is to override the chart name.
nameOverride: ""
fullnameOverride: ""`,
      ],
    ],
    [
      [
        r.serviceAccount,
        `# This section builds out the service account more information can be found here: https://kubernetes.io/docs/concepts/security/service-accounts/
serviceAccount:
  # Specifies whether a service account should be created.
  create: true
  # Automatically mount a ServiceAccount's API credentials?
  automount: true
  # Annotations to add to the service account.
  annotations: {}
  # The name of the service account to use.
  # If not set and create is true, a name is generated using the fullname template.
  name: ""`,
      ],
    ],
    [
      [
        workload,
        `# This is for setting Kubernetes Annotations to a Pod.
# For more information checkout: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/
podAnnotations: {}
# This is for setting Kubernetes Labels to a Pod.
# For more information checkout: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
podLabels: {}`,
      ],
    ],
    [
      [
        workload,
        `podSecurityContext: {}
  # fsGroup: 2000`,
      ],
    ],
    [
      [
        workload,
        `securityContext: {}
  # capabilities:
  #   drop:
  #   - ALL
  # readOnlyRootFilesystem: true
  # runAsNonRoot: true
  # runAsUser: 1000`,
      ],
    ],
    [
      [
        r.service,
        `# This is for setting up a service more information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/
service:
  # This sets the service type more information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
  type: ${choices.serviceType}
  # This sets the ports more information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports
  port: ${choices.servicePort}`,
      ],
    ],
    [
      [
        workload && !r.service,
        `# The port the container listens on.
containerPort: ${choices.servicePort}`,
      ],
    ],
    [
      [
        r.ingress,
        `# This block is for setting up the ingress for more information can be found here: https://kubernetes.io/docs/concepts/services-networking/ingress/
ingress:
  enabled: false
  className: ""
  annotations: {}
    # kubernetes.io/ingress.class: nginx
    # kubernetes.io/tls-acme: "true"
  hosts:
    - host: chart-example.local
      paths:
        - path: /
          pathType: ImplementationSpecific
  tls: []
    # - secretName: chart-example-tls
    #   hosts:
    #     - chart-example.local`,
      ],
    ],
    [
      [
        r.httpRoute,
        `# -- Expose the service via gateway-api HTTPRoute
# Requires Gateway API resources and suitable controller installed within the cluster
# (see: https://gateway-api.sigs.k8s.io/guides/)
httpRoute:
  # HTTPRoute enabled.
  enabled: false
  # HTTPRoute annotations.
  annotations: {}
  # Which Gateways this Route is attached to.
  parentRefs:
  - name: gateway
    sectionName: http
    # namespace: default
  # Hostnames matching HTTP header.
  hostnames:
  - chart-example.local
  # List of rules and filters applied.
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /headers
  #   filters:
  #   - type: RequestHeaderModifier
  #     requestHeaderModifier:
  #       set:
  #       - name: My-Overwrite-Header
  #         value: this-is-the-only-value
  #       remove:
  #       - User-Agent
  # - matches:
  #   - path:
  #       type: PathPrefix
  #       value: /echo
  #     headers:
  #     - name: version
  #       value: v2`,
      ],
    ],
    [
      [
        r.configMap,
        `# This creates a ConfigMap named after the release${workload ? '; the container gets its keys as environment variables' : ''}.
configMap:
  enabled: true
  data: {}
    # LOG_LEVEL: info`,
      ],
    ],
    [
      [
        workload,
        `resources: {}
  # We usually recommend not to specify default resources and to leave this as a conscious
  # choice for the user. This also increases chances charts run on environments with little
  # resources, such as Minikube. If you do want to specify resources, uncomment the following
  # lines, adjust them as necessary, and remove the curly braces after 'resources:'.
  # limits:
  #   cpu: 100m
  #   memory: 128Mi
  # requests:
  #   cpu: 100m
  #   memory: 128Mi`,
      ],
    ],
    [
      [
        workload,
        `# This is to setup the liveness and readiness probes more information can be found here: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
livenessProbe:
  httpGet:
    path: /
    port: http
readinessProbe:
  httpGet:
    path: /
    port: http`,
      ],
    ],
    [
      [
        r.autoscaling,
        `# This section is for setting up autoscaling more information can be found here: https://kubernetes.io/docs/concepts/workloads/autoscaling/
autoscaling:
  enabled: false
  minReplicas: 1
  maxReplicas: 100
  targetCPUUtilizationPercentage: 80
  # targetMemoryUtilizationPercentage: 80`,
      ],
    ],
    [
      [
        workload,
        `# Additional volumes on the output Deployment definition.
volumes: []
  # - name: foo
  #   secret:
  #     secretName: mysecret
  #     optional: false`,
      ],
    ],
    [
      [
        workload,
        `# Additional volumeMounts on the output Deployment definition.
volumeMounts: []
  # - name: foo
  #   mountPath: "/etc/foo"
  #   readOnly: true`,
      ],
    ],
    [[workload, 'nodeSelector: {}']],
    [[workload, 'tolerations: []']],
    [[workload, 'affinity: {}']],
  ];
  const blocks = groups
    .map((group) =>
      group
        .filter(([when]) => when)
        .map(([, text]) => text)
        .join('\n'),
    )
    .filter((block) => block !== '');
  return `${blocks.join('\n\n')}\n`;
}
