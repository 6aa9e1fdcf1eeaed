// Transport settings Helm 2 uses on both ends of the Tiller connection (reference §1.1).

/** Send/receive limit of client and server: charts travel inside messages and can be big. */
export const MAX_MESSAGE_BYTES = 20 * 1024 * 1024;

/** Metadata key carrying the client's version on every call; Tiller checks it for compatibility. */
export const HELM_API_CLIENT_HEADER = 'x-helm-api-client';

/** The Helm 2 protocol version helmts speaks (sent as x-helm-api-client, reported by GetVersion). */
export const HELM_API_VERSION = 'v2.17.0';

/**
 * helmts extension: metadata key naming the operation of an Install/Update/Rollback/Uninstall/
 * RunReleaseTest call, so a WatchOperation stream opened with the same id reports its progress.
 */
export const OPERATION_ID_HEADER = 'x-helmts-operation-id';

/**
 * helmts extension: `true` on an Install/UpdateRelease call asks Tiller itself to purge a failed
 * install or roll back a failed upgrade (Helm 2 did this in the client, which can't purge a
 * release whose name Tiller generated, and stops if the client goes away). Old Tillers ignore it.
 */
export const ATOMIC_HEADER = 'x-helmts-atomic';

/**
 * helmts extension: `helm2` or `helm3` on an Install/UpdateRelease call picks the render dialect
 * for that render (the client's `--dialect`), overriding the Tiller's own `--dialect`. Old
 * Tillers ignore it.
 */
export const DIALECT_HEADER = 'x-helmts-dialect';

/** Client pings every 30 s. */
export const CLIENT_KEEPALIVE_MS = 30_000;
/** Server closes connections idle for 10 min. */
export const SERVER_MAX_CONNECTION_IDLE_MS = 10 * 60_000;

/** Full gRPC method name, e.g. `/hapi.services.tiller.ReleaseService/GetVersion`. */
export function releaseServiceMethod(rpc: string): string {
  return `/hapi.services.tiller.ReleaseService/${rpc}`;
}
