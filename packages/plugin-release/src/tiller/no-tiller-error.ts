import { ConnectionError } from '@helmts/core';

/**
 * No Tiller to talk to: no --host, no background Tiller, no Tiller pod (or no cluster to look in),
 * when the caller asked not to run a local one. `version` shows the client alone then.
 */
export class NoTillerError extends ConnectionError {}
