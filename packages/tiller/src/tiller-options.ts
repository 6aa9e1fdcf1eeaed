// What `startTiller` can be told (the `tiller` command's flags map onto these), and where Tiller's
// namespace comes from when nobody says.
import { readFileSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import type { StorageDriverName } from './storage/index.js';
import type { KubeClientOptions } from './kube/kube-client.js';
import type { Logger } from './logger.js';
import type { TillerTlsSettings } from './security/tls-settings.js';
import type { AuthzMode } from './security/request-security.js';
import type { AuditLogOptions } from './security/audit-log.js';
import type { TillerRenderLimits } from './security/render-limits.js';

export interface TillerOptions {
  /** host:port, default 127.0.0.1:44134; port 0 picks a free one */
  listen?: string;
  /** host:port for /liveness and /readiness; default none (the bin uses 127.0.0.1:44135) */
  probeListen?: string;
  /** default 'configmap' */
  storage?: StorageDriverName;
  /** --history-max; 0 = unlimited */
  historyMax?: number;
  /** cluster access; default: --kubeconfig path, else KubeConfig.loadFromDefault() */
  kubeConfig?: KubeConfig;
  kubeconfigPath?: string;
  /** Tiller's namespace; default TILLER_NAMESPACE, the service-account namespace file, kube-system */
  namespace?: string;
  logger?: Logger;
  /** Lease duration for release locks (s); default 30 */
  leaseSeconds?: number;
  /** extra template engines: engine name → npm package exporting it (`tiller --engine name=package`) */
  engines?: Record<string, string>;
  /** readiness / hook poll interval (ms); default 2000 / 1000 */
  pollMs?: number;
  /** skip marking leftover PENDING_* releases FAILED at start */
  skipRecovery?: boolean;
  /** apiserver request timeout and retries of transient failures */
  kube?: KubeClientOptions;
  /** TLS for the gRPC server (see security/tls-settings.ts resolveTillerTls); default plaintext */
  tls?: TillerTlsSettings;
  /** allow a non-loopback listen address without mutual TLS (logged as a warning) */
  insecureListen?: boolean;
  /**
   * 'none' (default here; Helm 2's behaviour): Tiller acts with its own credentials.
   * 'impersonate': every Kubernetes call for a request impersonates the caller, and reading or
   * changing a release needs the caller's permission (security/release-authorizer.ts).
   */
  authz?: AuthzMode;
  /** audit lines (one per release RPC): to stdout, a file, a callback; default none */
  audit?: AuditLogOptions;
  /** bounds on rendering; default DEFAULT_RENDER_LIMITS */
  renderLimits?: TillerRenderLimits;
  /** render dialect: helm2 (default, as Helm 2.17.0's Tiller) or helm3 (Helm v4.1.4) */
  dialect?: 'helm2' | 'helm3';
  /** give up on a read RPC (status, content, history, list) after this long; default 60 s */
  readTimeoutMs?: number;
  /** upper bound for the `timeout` field of operations (s); default 3600 */
  maxOperationTimeoutSeconds?: number;
}

const SA_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

export function tillerNamespace(explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.TILLER_NAMESPACE) return process.env.TILLER_NAMESPACE;
  try {
    const ns = readFileSync(SA_NAMESPACE_FILE, 'utf8').trim();
    if (ns) return ns;
  } catch {
    // not in a pod
  }
  return 'kube-system';
}
