import { parseSetInto, type ValuesTable } from '@helmts/chart';
import { UsageError } from '@helmts/core';
import { stringify } from 'yaml';

import { DEFAULT_SERVICE_ACCOUNT, PROBE_PORT, type TillerInstallRequest } from './install-request.js';
import {
  CLUSTER_WIDE_TILLER_RULES,
  IMPERSONATION_RULES,
  NAMESPACED_TILLER_RULES,
  namespaceReadRule,
  type PolicyRule,
} from './rbac.js';

export const TILLER_LABELS: Readonly<Record<string, string>> = { app: 'helm', name: 'tiller' };
export const TILLER_DEPLOYMENT = 'tiller-deploy';
export const TILLER_SERVICE = 'tiller-deploy';
export const TILLER_SECRET = 'tiller-secret';
export const TILLER_ROLE = 'tiller';
const TILLER_SERVICE_PORT = 44134;
const CERTS_DIR = '/etc/certs';

export interface TillerObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

/** TLS material read from the `--tiller-tls-*` files. */
export interface TillerTlsMaterial {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
}

/** The cluster-scoped RBAC object names of the Tiller in `namespace` (several Tillers can coexist). */
export function clusterRoleName(namespace: string, clusterWide: boolean): string {
  return clusterWide ? `tiller-${namespace}` : `tiller-${namespace}-namespace`;
}

function serviceAccountOf(request: TillerInstallRequest): string {
  return request.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
}

function meta(name: string, namespace?: string): TillerObject['metadata'] {
  return namespace === undefined
    ? { name, labels: { ...TILLER_LABELS } }
    : { name, namespace, labels: { ...TILLER_LABELS } };
}

function listenPort(listen: string): number {
  const i = listen.lastIndexOf(':');
  const port = Number(listen.slice(i + 1));
  if (i < 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`invalid --listen "${listen}": expected host:port`, {
      hint: 'for example --listen 0.0.0.0:44134',
    });
  }
  return port;
}

/** `k=v,k2=v2`, as Helm 2's --node-selectors. */
function parseNodeSelectors(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const selectors: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new UsageError(`invalid --node-selectors entry "${pair}": expected key=value`);
    selectors[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return selectors;
}

/** --set parses integers as BigInt (Go's int64); Kubernetes objects want plain JSON numbers. */
function toJsonNumbers(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toJsonNumbers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonNumbers(v)]));
  }
  return value;
}

/** Helm 2's --override: `--set` syntax edits applied to the Deployment object. */
function applyOverrides(deployment: TillerObject, overrides: readonly string[]): TillerObject {
  let edited = deployment as unknown as ValuesTable;
  for (const override of overrides) {
    try {
      edited = parseSetInto(override, edited);
    } catch (error) {
      throw new UsageError(`invalid --override "${override}": ${(error as Error).message}`);
    }
  }
  return toJsonNumbers(edited) as TillerObject;
}

/** The API server as a hostNetwork Tiller must be told it (KUBERNETES_SERVICE_HOST/PORT). */
export interface ApiServerEndpoint {
  host: string;
  port: number;
}

function listenHost(listen: string): string {
  return listen.slice(0, listen.lastIndexOf(':')).replace(/^\[|\]$/g, '');
}

/**
 * The probe port: Helm 2's 44135 beside the default 44134, else the listen port + 1 (a hostNetwork
 * Tiller on another port must not collide with a second Tiller on the same node).
 */
function probePort(listen: string): number {
  const port = listenPort(listen);
  return port === TILLER_SERVICE_PORT ? PROBE_PORT : port + 1;
}

function tillerDeployment(
  request: TillerInstallRequest,
  tls: TillerTlsMaterial | undefined,
  apiServer: ApiServerEndpoint | undefined,
): TillerObject {
  const port = listenPort(request.listen);
  const probe = probePort(request.listen);
  // On the host network a loopback Tiller probes on loopback too; in its own pod network the
  // kubelet probes the pod's address, so the probe server listens on all of the pod's addresses.
  const loopback = /^(127\.|localhost$|::1$)/.test(listenHost(request.listen));
  const probeHost = loopback && request.netHost ? '127.0.0.1' : '0.0.0.0';
  const env: { name: string; value: string }[] = [
    { name: 'TILLER_NAMESPACE', value: request.namespace },
    { name: 'TILLER_HISTORY_MAX', value: String(request.historyMax) },
    // The root file system is read-only: anything that writes goes to the emptyDir at /tmp.
    { name: 'HOME', value: '/tmp' },
  ];
  if (tls) {
    env.push(
      { name: 'TILLER_TLS_VERIFY', value: request.tls.verify ? '1' : '' },
      { name: 'TILLER_TLS_ENABLE', value: '1' },
      { name: 'TILLER_TLS_CERTS', value: CERTS_DIR },
    );
  }
  if (apiServer) {
    // A hostNetwork pod beside an API server that listens on loopback only (the local cluster):
    // the in-cluster config must dial it there, not the "kubernetes" Service address.
    env.push(
      { name: 'KUBERNETES_SERVICE_HOST', value: apiServer.host },
      { name: 'KUBERNETES_SERVICE_PORT', value: String(apiServer.port) },
      { name: 'KUBERNETES_SERVICE_PORT_HTTPS', value: String(apiServer.port) },
      { name: 'KUBERNETES_PORT', value: `tcp://${apiServer.host}:${apiServer.port}` },
    );
  }
  const httpGet = (path: string) => ({
    path,
    port: probe,
    ...(probeHost === '127.0.0.1' ? { host: probeHost } : {}),
  });
  const container: Record<string, unknown> = {
    name: 'tiller',
    image: request.image,
    // A canary tag moves: pull it every time, as Helm 2 does.
    imagePullPolicy: request.canary ? 'Always' : 'IfNotPresent',
    // The Tiller bin defaults to loopback; in a pod, the Service and the kubelet's probes come from outside.
    // Without --tiller-tls-verify the pod has no mutual TLS; Tiller refuses a non-loopback listen
    // address then unless told to accept it (init prints the insecure-policy note in that case).
    args: [
      `--listen=${request.listen}`,
      `--probe-listen=${probeHost}:${probe}`,
      `--storage=${request.storage}`,
      `--history-max=${request.historyMax}`,
      ...(request.tls.verify || loopback ? [] : ['--insecure-listen']),
    ],
    ports: [
      { containerPort: port, name: 'tiller' },
      { containerPort: probe, name: 'http' },
    ],
    env,
    // Generous timeouts: a busy node must not take a working Tiller out of service (or restart it).
    livenessProbe: { httpGet: httpGet('/liveness'), initialDelaySeconds: 1, timeoutSeconds: 5, failureThreshold: 6 },
    readinessProbe: {
      httpGet: httpGet('/readiness'),
      initialDelaySeconds: 1,
      periodSeconds: 2,
      timeoutSeconds: 5,
    },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
  const volumes: Record<string, unknown>[] = [{ name: 'tmp', emptyDir: {} }];
  const podSpec: Record<string, unknown> = {
    serviceAccountName: serviceAccountOf(request),
    automountServiceAccountToken: request.automountServiceAccountToken,
    containers: [container],
    volumes,
  };
  if (tls) {
    (container.volumeMounts as unknown[]).push({ name: 'tiller-certs', mountPath: CERTS_DIR, readOnly: true });
    volumes.push({ name: 'tiller-certs', secret: { secretName: TILLER_SECRET } });
  }
  const nodeSelector = parseNodeSelectors(request.nodeSelectors);
  if (nodeSelector) podSpec.nodeSelector = nodeSelector;
  const spec: Record<string, unknown> = {
    replicas: request.replicas,
    selector: { matchLabels: { ...TILLER_LABELS } },
    template: { metadata: { labels: { ...TILLER_LABELS } }, spec: podSpec },
  };
  if (request.netHost) {
    podSpec.hostNetwork = true;
    podSpec.dnsPolicy = 'ClusterFirstWithHostNet';
    podSpec.enableServiceLinks = false;
    // On the host network the ports are the node's: a replacement can start only once the old pod
    // is gone, so replace rather than roll, and let the old one go quickly (Tiller stops on SIGTERM).
    spec.strategy = { type: 'Recreate' };
    podSpec.terminationGracePeriodSeconds = 10;
  }
  const deployment: TillerObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(TILLER_DEPLOYMENT, request.namespace),
    spec,
  };
  return applyOverrides(deployment, request.overrides);
}

function rbacObjects(request: TillerInstallRequest): TillerObject[] {
  const ns = request.namespace;
  const subjects = [{ kind: 'ServiceAccount', name: serviceAccountOf(request), namespace: ns }];
  const clusterRole = (name: string, rules: readonly PolicyRule[]): TillerObject[] => [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(name), rules: [...rules] },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: meta(name),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects,
    },
  ];
  if (request.clusterWide) return clusterRole(clusterRoleName(ns, true), CLUSTER_WIDE_TILLER_RULES);
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta(TILLER_ROLE, ns),
      rules: [...NAMESPACED_TILLER_RULES],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(TILLER_ROLE, ns),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: TILLER_ROLE },
      subjects,
    },
    ...clusterRole(clusterRoleName(ns, false), [namespaceReadRule(ns), ...IMPERSONATION_RULES]),
  ];
}

/**
 * Every object `init` installs, in the order it creates them: ServiceAccount, RBAC, the TLS
 * Secret (when asked), the Deployment and Service `tiller-deploy`. Labels app=helm,name=tiller
 * on all, as Helm 2.
 */
export function tillerManifests(
  request: TillerInstallRequest,
  tls?: TillerTlsMaterial,
  apiServer?: ApiServerEndpoint,
): TillerObject[] {
  if (!request.image) throw new UsageError('no Tiller image given');
  const ns = request.namespace;
  const objects: TillerObject[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(serviceAccountOf(request), ns) },
    ...rbacObjects(request),
  ];
  if (tls) {
    const data: Record<string, string> = {
      'tls.crt': tls.cert.toString('base64'),
      'tls.key': tls.key.toString('base64'),
    };
    if (tls.ca) data['ca.crt'] = tls.ca.toString('base64');
    objects.push({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: meta(TILLER_SECRET, ns), data });
  }
  objects.push(tillerDeployment(request, tls, apiServer), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(TILLER_SERVICE, ns),
    spec: {
      type: 'ClusterIP',
      ports: [{ name: 'tiller', port: TILLER_SERVICE_PORT, targetPort: 'tiller' }],
      selector: { ...TILLER_LABELS },
    },
  });
  return objects;
}

/** YAML documents separated by `---`, or one JSON `v1 List` (what kubectl apply -f takes). */
export function formatManifests(objects: readonly TillerObject[], format: 'json' | 'yaml'): string {
  if (format === 'json') return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`;
  return objects.map((o) => `---\n${stringify(o, { aliasDuplicateObjects: false })}`).join('');
}
