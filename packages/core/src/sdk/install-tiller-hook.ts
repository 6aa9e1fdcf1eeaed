import type { Settings } from './settings.js';

/**
 * The custom oclif hook a plugin registers (package.json `oclif.hooks`) to install Tiller.
 * oclif gives a core command priority over a plugin command with the same id, so `init` stays
 * here and hands the cluster part to whichever plugin answers this event.
 */
export const INSTALL_TILLER_HOOK = 'helmts:install-tiller';

/** What `init` passes to the hook: Helm 2's init flags, parsed but not interpreted. */
export interface TillerInstallRequest {
  namespace: string;
  image?: string;
  /** --canary-image: the image's `canary` tag, always pulled (as Helm 2). */
  canary?: boolean;
  serviceAccount?: string;
  automountServiceAccountToken: boolean;
  historyMax: number;
  storage: 'configmap' | 'secret';
  replicas: number;
  listen: string;
  netHost: boolean;
  nodeSelectors?: string;
  overrides: string[];
  clusterWide: boolean;
  upgrade: boolean;
  forceUpgrade: boolean;
  wait: boolean;
  /** Build the manifests only; with `output` they are printed. */
  dryRun: boolean;
  output?: 'json' | 'yaml';
  /** `gen`: --tls-gen, make a CA and certificates in HELMTS_HOME and use them (mutual TLS) */
  /** `hostname` (--tiller-tls-hostname): with `gen`, one more name in Tiller's certificate. */
  tls: {
    enable: boolean;
    verify: boolean;
    cert?: string;
    key?: string;
    caCert?: string;
    gen?: boolean;
    hostname?: string;
  };
}

/** The hook's options (`config` and `context` are added by oclif) and its answer. */
export interface InstallTillerHookOptions {
  settings: Settings;
  request: TillerInstallRequest;
}

export interface InstallTillerHookResult {
  /** What to print on stdout, verbatim (messages or manifests). */
  stdout: string;
}
