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

/**
 * An environment setting under helmts's name or Helm 2's (HELMTS_HOST, then HELM_HOST), so a Helm 2
 * user's environment works unchanged; the HELMTS_ name wins when both are set.
 */
export function helmEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[`HELMTS_${name}`] || env[`HELM_${name}`] || undefined;
}

/** Go's strconv.ParseBool, which Helm 2 applies to boolean environment variables (HELM_DEBUG=1). */
export function envBoolean(value: string | undefined): boolean {
  return value !== undefined && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value);
}

export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  const home = helmEnv(env, 'HOME');
  return home ? resolve(home) : join(homedir(), '.helmts');
}

/** Flags win over environment variables, which win over defaults (Helm 2's precedence). */
export function resolveSettings(input: SettingsInput = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const timeoutText = env.HELMTS_TILLER_CONNECTION_TIMEOUT || env.TILLER_CONNECTION_TIMEOUT;
  const timeoutFromEnv = timeoutText ? Number(timeoutText) : undefined;
  return {
    home: input.home ? resolve(input.home) : defaultHome(env),
    host: input.host ?? helmEnv(env, 'HOST'),
    kubeContext: input['kube-context'] ?? helmEnv(env, 'KUBECONTEXT'),
    kubeconfig: input.kubeconfig ?? (env.KUBECONFIG || undefined),
    tillerNamespace: input['tiller-namespace'] ?? (env.TILLER_NAMESPACE || DEFAULT_TILLER_NAMESPACE),
    tillerConnectionTimeout:
      input['tiller-connection-timeout'] ??
      (timeoutFromEnv !== undefined && Number.isFinite(timeoutFromEnv) && timeoutFromEnv > 0
        ? timeoutFromEnv
        : DEFAULT_TILLER_CONNECTION_TIMEOUT),
    debug: input.debug ?? envBoolean(helmEnv(env, 'DEBUG')),
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
