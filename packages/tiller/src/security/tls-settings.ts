// Tiller's TLS: Helm 2's flags and environment (TILLER_TLS_ENABLE, TILLER_TLS_VERIFY,
// TILLER_TLS_CERTS — the directory `helmts init` mounts the `tiller-secret` Secret at).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';

export interface TillerTlsSettings {
  /** serve TLS */
  enable: boolean;
  /** require and verify client certificates against `ca` (mutual TLS) */
  verify: boolean;
  cert: Buffer;
  key: Buffer;
  /** CA the client certificates must chain to; required with `verify` */
  ca?: Buffer;
}

export interface TlsFlagValues {
  tls?: boolean;
  'tls-verify'?: boolean;
  'tls-cert'?: string;
  'tls-key'?: string;
  'tls-ca-cert'?: string;
}

const DEFAULT_CERTS_DIR = '/etc/certs';

class TlsSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsSettingsError';
  }
}

function readPem(path: string, what: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new TlsSettingsError(
      `cannot read the TLS ${what} ${path} (${flag}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/**
 * Flags win over the environment; as in Helm 2 a non-empty TILLER_TLS_ENABLE / TILLER_TLS_VERIFY
 * turns the setting on, and the files default to tls.crt, tls.key, ca.crt in TILLER_TLS_CERTS
 * (default /etc/certs). `undefined` when TLS is off.
 */
export function resolveTillerTls(
  flags: TlsFlagValues,
  env: NodeJS.ProcessEnv = process.env,
): TillerTlsSettings | undefined {
  const verify = Boolean(flags['tls-verify']) || Boolean(env.TILLER_TLS_VERIFY);
  const enable = verify || Boolean(flags.tls) || Boolean(env.TILLER_TLS_ENABLE);
  if (!enable) return undefined;
  const dir = env.TILLER_TLS_CERTS || DEFAULT_CERTS_DIR;
  return {
    enable,
    verify,
    cert: readPem(flags['tls-cert'] ?? join(dir, 'tls.crt'), 'certificate', '--tls-cert'),
    key: readPem(flags['tls-key'] ?? join(dir, 'tls.key'), 'key', '--tls-key'),
    ca: verify ? readPem(flags['tls-ca-cert'] ?? join(dir, 'ca.crt'), 'CA certificate', '--tls-ca-cert') : undefined,
  };
}

export function serverCredentials(tls: TillerTlsSettings | undefined): grpc.ServerCredentials {
  if (!tls?.enable) return grpc.ServerCredentials.createInsecure();
  if (tls.verify && !tls.ca)
    throw new TlsSettingsError('--tls-verify needs the CA certificate clients are checked against (--tls-ca-cert)');
  return grpc.ServerCredentials.createSsl(
    tls.verify ? tls.ca! : null,
    [{ private_key: tls.key, cert_chain: tls.cert }],
    tls.verify,
  );
}
