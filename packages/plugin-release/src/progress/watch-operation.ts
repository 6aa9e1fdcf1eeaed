import { randomUUID } from 'node:crypto';

import type { OperationEvent } from '@helmts/proto';

import type { TillerConnection } from '../tiller/connection.js';
import { OperationView, type ProgressMode } from './operation-view.js';

/** Chooses how to show progress: live on a terminal, nothing when piped or with JSON/YAML output. */
export function progressMode(
  flag: string | undefined,
  output: string | undefined,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressMode {
  if (flag === 'tty' || flag === 'plain' || flag === 'none') return flag;
  if (output === 'json' || output === 'yaml') return 'none';
  return stream.isTTY && !process.env.CI ? 'tty' : 'none';
}

/**
 * Runs a release operation while watching its progress stream (our WatchOperation RPC). The
 * watch is opened first with a fresh operation id, which the call carries in its metadata.
 * A Tiller without WatchOperation just shows no progress. Ctrl-C detaches: the operation
 * goes on in Tiller.
 */
export async function withOperationProgress<R>(
  tiller: TillerConnection,
  release: string,
  mode: ProgressMode,
  run: (operationId: string) => Promise<R>,
): Promise<R> {
  const operationId = randomUUID();
  if (mode === 'none') return run(operationId);
  const view = new OperationView(mode);
  const stream = tiller.stream('WatchOperation', { operation_id: operationId, release });
  stream.on('data', (event: OperationEvent) => view.handle(event));
  stream.on('error', () => {});
  const detach = () => {
    view.close();
    process.stderr.write(
      tiller.local
        ? `\nDetached. The local Tiller stops with this command, so the operation on "${release}" may be left FAILED; check it with: helmts status ${release}\n`
        : `\nDetached: the operation on "${release}" goes on in Tiller. Follow it with: helmts status ${release} (or helmts history ${release})\n`,
    );
    process.exit(130);
  };
  process.once('SIGINT', detach);
  try {
    return await run(operationId);
  } finally {
    process.removeListener('SIGINT', detach);
    stream.cancel();
    view.close();
  }
}
