import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The settings every helmts command shares, resolved from flags, then environment, then defaults. */
export interface Settings {
  /** HELMTS_HOME: repositories, caches, starters and legacy plugins, laid out as Helm 2's HELM_HOME. */
  home: string;
  /** Tiller's address (host:port); undefined means "find it" (in-cluster Service or a local Tiller). */
  host?: string;
  kubeContext?: string;
  kubeconfig?: string;
  tillerNamespace: string;
  /** Seconds to wait for a connection to Tiller. */
  tillerConnectionTimeout: number;
  debug: boolean;
}

export interface SettingsInput {
  home?: string;
  host?: string;
  'kube-context'?: string;
  kubeconfig?: string;
  'tiller-namespace'?: string;
  'tiller-connection-timeout'?: number;
  debug?: boolean;
}

export const DEFAULT_TILLER_NAMESPACE = 'kube-system';
export const DEFAULT_TILLER_CONNECTION_TIMEOUT = 300;

export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.HELMTS_HOME ? resolve(env.HELMTS_HOME) : join(homedir(), '.helmts');
}

/** Flags win over environment variables, which win over defaults (Helm 2's precedence). */
export function resolveSettings(input: SettingsInput = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const timeoutFromEnv = env.HELMTS_TILLER_CONNECTION_TIMEOUT
    ? Number(env.HELMTS_TILLER_CONNECTION_TIMEOUT)
    : undefined;
  return {
    home: input.home ? resolve(input.home) : defaultHome(env),
    host: input.host ?? (env.HELMTS_HOST || undefined),
    kubeContext: input['kube-context'] ?? (env.HELMTS_KUBECONTEXT || undefined),
    kubeconfig: input.kubeconfig ?? (env.KUBECONFIG || undefined),
    tillerNamespace: input['tiller-namespace'] ?? (env.TILLER_NAMESPACE || DEFAULT_TILLER_NAMESPACE),
    tillerConnectionTimeout:
      input['tiller-connection-timeout'] ??
      (timeoutFromEnv !== undefined && Number.isFinite(timeoutFromEnv)
        ? timeoutFromEnv
        : DEFAULT_TILLER_CONNECTION_TIMEOUT),
    debug: input.debug ?? (env.HELMTS_DEBUG === '1' || env.HELMTS_DEBUG === 'true'),
  };
}

/** The environment a child process (a legacy plugin, a local Tiller) needs to see the same settings. */
export function settingsEnvironment(settings: Settings): Record<string, string> {
  const env: Record<string, string> = {
    HELMTS_HOME: settings.home,
    HELM_HOME: settings.home,
    TILLER_NAMESPACE: settings.tillerNamespace,
  };
  if (settings.host) {
    env.HELMTS_HOST = settings.host;
    env.HELM_HOST = settings.host;
  }
  if (settings.kubeContext) env.HELMTS_KUBECONTEXT = settings.kubeContext;
  if (settings.kubeconfig) env.KUBECONFIG = settings.kubeconfig;
  if (settings.debug) env.HELMTS_DEBUG = 'true';
  return env;
}
