import type { Settings } from './settings.js';

/**
 * The custom oclif hook a plugin registers to hand out Tiller's address. Core runs legacy
 * `plugin.yaml` plugins, and one with `useTunnel: true` expects TILLER_HOST at an open tunnel to
 * the in-cluster Tiller, as Helm 2 gives it; finding Tiller (and the tunnel) belongs to the release
 * plugin, so core asks whichever plugin answers this event and keeps the endpoint open while the
 * plugin runs.
 */
export const TILLER_ENDPOINT_HOOK = 'helmts:tiller-endpoint';

/** The hook's options (oclif adds `config` and `context`). */
export interface TillerEndpointHookOptions {
  settings: Settings;
  /** One line for the user (a fallback to a Tiller run inside this process). */
  notice: (line: string) => void;
}

export interface TillerEndpointHookResult {
  /** host:port to dial: the tunnel's local end, a background Tiller, or a Tiller in this process. */
  address: string;
  /** Closes the tunnel or stops the Tiller this process started. */
  close: () => Promise<void>;
}
