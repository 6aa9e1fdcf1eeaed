import type { Settings } from './settings.js';
import type { VersionInfo } from './version.js';

/**
 * The custom oclif hook a plugin registers to tell Tiller's version. `version` is a core command,
 * but finding Tiller (a tunnel to the pod in --tiller-namespace, a background Tiller) and mutual
 * TLS belong to the release plugin, so `version` asks whichever plugin answers this event and only
 * falls back to a plain gRPC call to --host when none does.
 */
export const TILLER_VERSION_HOOK = 'helmts:tiller-version';

/** The hook's options (oclif adds `config` and `context`). */
export interface TillerVersionHookOptions {
  settings: Settings;
  /** The TLS flags as parsed (`tillerTlsFlags`); the plugin adds HELM_TLS_* and the defaults. */
  tls: Record<string, unknown>;
  /** --server was asked: no Tiller found is an error, not "client only". */
  required: boolean;
}

export interface TillerVersionHookResult {
  /** Undefined when no Tiller was found and none was required. */
  server?: VersionInfo;
}
