import { ConnectionError, HelmtsError, NotFoundError } from '@helmts/core';

interface GrpcStatusError {
  code?: number;
  details?: string;
  message?: string;
}

// grpc status codes (numbers are fixed by the gRPC spec).
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const INVALID_ARGUMENT = 3;
const FAILED_PRECONDITION = 9;
const DEADLINE_EXCEEDED = 4;
const UNAVAILABLE = 14;
const UNAUTHENTICATED = 16;
const PERMISSION_DENIED = 7;

/**
 * grpc-js's connection errors end with a timestamp and a "Resolution note:" that is usually empty
 * ("... ECONNREFUSED 127.0.0.1:44134 (2026-12-04T18:00:00.000Z). Resolution note: "): one line
 * without them, keeping a note that says something.
 */
export function cleanGrpcDetail(detail: string): string {
  const m = /^(.*?)\.?\s*Resolution note:\s*(.*)$/s.exec(detail);
  const [head, note] = m ? [m[1]!, m[2]!.trim()] : [detail, ''];
  const text = head.replace(/\s*\(\d{4}-\d\d-\d\dT[^)]*\)/g, '').trim();
  return (note ? `${text} (${note})` : text).replace(/\s+/g, ' ');
}

/** Turns a gRPC error from Tiller into the error a user can act on, with Tiller's own words. */
export function fromRpcError(error: unknown, address: string): Error {
  const e = error as GrpcStatusError;
  if (typeof e?.code !== 'number') return error instanceof Error ? error : new Error(String(error));
  const raw = e.details || e.message || 'unknown error';
  const detail = e.code === UNAVAILABLE || /Resolution note:/.test(raw) ? cleanGrpcDetail(raw) : raw;
  switch (e.code) {
    case NOT_FOUND:
      return new NotFoundError(detail);
    case ALREADY_EXISTS:
      // Tiller's "a release named X already exists" says itself what to run
      return new HelmtsError(detail, {
        hint: /\nRun: /.test(detail)
          ? undefined
          : 'choose another --name, or pass --replace to reuse a deleted or failed name',
      });
    case INVALID_ARGUMENT:
      // exit 1 as Helm 2 (a command line refused before reaching Tiller stays 2)
      return new HelmtsError(detail);
    case FAILED_PRECONDITION:
      return new HelmtsError(detail, {
        hint: 'wait for the running operation to finish ("helmts status RELEASE" shows it)',
      });
    case DEADLINE_EXCEEDED:
      return new HelmtsError(`timed out: ${detail}`, {
        hint: 'raise --timeout, or check the release with "helmts status RELEASE"',
      });
    case UNAVAILABLE:
      return new ConnectionError(`Tiller at ${address}`, detail, {
        hint: 'check --host/HELMTS_HOST, or use --local to run Tiller inside this command',
      });
    case UNAUTHENTICATED:
    case PERMISSION_DENIED:
      return new HelmtsError(detail, {
        hint: 'check your TLS client certificate (--tls-cert/--tls-key) and your Kubernetes permissions',
      });
    default:
      return new HelmtsError(detail);
  }
}
