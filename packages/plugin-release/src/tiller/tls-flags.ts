import { envBoolean, Flags, helmEnv } from '@helmts/core';

/** Helm 2's client TLS flags (defaults under HELMTS_HOME, env HELM_TLS_* as Helm 2). */
export const tlsFlags = {
  tls: Flags.boolean({ summary: 'Enable TLS for the request (server certificate not verified).', helpGroup: 'TLS' }),
  'tls-verify': Flags.boolean({ summary: 'Enable TLS and verify Tiller against the CA.', helpGroup: 'TLS' }),
  'tls-ca-cert': Flags.string({
    summary: 'Path to the TLS CA certificate (default $HELMTS_HOME/ca.pem).',
    helpGroup: 'TLS',
  }),
  'tls-cert': Flags.string({
    summary: 'Path to the TLS client certificate (default $HELMTS_HOME/cert.pem).',
    helpGroup: 'TLS',
  }),
  'tls-key': Flags.string({ summary: 'Path to the TLS client key (default $HELMTS_HOME/key.pem).', helpGroup: 'TLS' }),
  'tls-hostname': Flags.string({ summary: "Server name used to verify Tiller's certificate.", helpGroup: 'TLS' }),
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

type TlsFlagValues = { [K in keyof typeof tlsFlags]?: unknown };

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
