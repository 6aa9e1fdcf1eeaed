import { Flags } from './oclif.js';

/**
 * Helm 2's client TLS flags for talking to Tiller (defaults under HELMTS_HOME, env HELM_TLS_* as
 * Helm 2). Defined here so core's `version` and the release plugin's commands take the same ones.
 */
export const tillerTlsFlags = {
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
};
