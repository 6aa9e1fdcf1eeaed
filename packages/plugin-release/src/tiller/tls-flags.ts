import { envBoolean, Flags, helmEnv, tillerTlsFlags } from '@helmts/core';

/** Helm 2's client TLS flags (core's, shared with `version`), plus --local. */
export const tlsFlags = {
  ...tillerTlsFlags,
  local: Flags.boolean({
    summary: 'Run a Tiller inside this command (tillerless), against your kubeconfig.',
    helpGroup: 'TILLER',
  }),
};

export interface TlsSettings {
  enabled: boolean;
  verify: boolean;
  caCert: string;
  cert: string;
  key: string;
  hostname?: string;
}

type TlsFlagValues = { [K in keyof typeof tillerTlsFlags]?: unknown };

/** Flags, then HELMTS_TLS_* / Helm 2's HELM_TLS_* (the HELMTS_ name wins), then defaults under the home. */
export function resolveTls(flags: TlsFlagValues, home: string, env: NodeJS.ProcessEnv = process.env): TlsSettings {
  const verify = Boolean(flags['tls-verify']) || envBoolean(helmEnv(env, 'TLS_VERIFY'));
  return {
    enabled: verify || Boolean(flags.tls) || envBoolean(helmEnv(env, 'TLS_ENABLE')),
    verify,
    caCert: (flags['tls-ca-cert'] as string | undefined) ?? helmEnv(env, 'TLS_CA_CERT') ?? `${home}/ca.pem`,
    cert: (flags['tls-cert'] as string | undefined) ?? helmEnv(env, 'TLS_CERT') ?? `${home}/cert.pem`,
    key: (flags['tls-key'] as string | undefined) ?? helmEnv(env, 'TLS_KEY') ?? `${home}/key.pem`,
    hostname: (flags['tls-hostname'] as string | undefined) ?? helmEnv(env, 'TLS_HOSTNAME'),
  };
}
