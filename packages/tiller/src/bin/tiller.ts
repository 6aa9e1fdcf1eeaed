#!/usr/bin/env node
// tiller [--listen host:port] [--probe-listen host:port] [--storage configmap|secret|memory]
//        [--history-max N] [--kubeconfig PATH] [--namespace NS] [--engine NAME=PACKAGE]...
import { parseArgs } from 'node:util';
import { startTiller } from '../server.js';
import { jsonLogger } from '../logger.js';

const { values } = parseArgs({
  options: {
    listen: { type: 'string', default: '127.0.0.1:44134' },
    'probe-listen': { type: 'string', default: '127.0.0.1:44135' },
    storage: { type: 'string', default: 'configmap' },
    'history-max': { type: 'string', default: '0' },
    kubeconfig: { type: 'string' },
    namespace: { type: 'string' },
    'lease-seconds': { type: 'string' },
    engine: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write('Usage: tiller [--listen 127.0.0.1:44134] [--probe-listen 127.0.0.1:44135] [--storage configmap|secret|memory] [--history-max N] [--kubeconfig PATH] [--namespace NS] [--engine NAME=PACKAGE]...\n');
  process.exit(0);
}
const storage = values.storage as 'configmap' | 'secret' | 'memory';
if (!['configmap', 'secret', 'memory'].includes(storage)) {
  process.stderr.write(`unknown storage driver "${storage}"\n`);
  process.exit(2);
}
const engines: Record<string, string> = {};
for (const spec of values.engine ?? []) {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    process.stderr.write(`--engine expects NAME=PACKAGE (e.g. --engine mustache=helmts-engine-mustache), got "${spec}"\n`);
    process.exit(2);
  }
  engines[spec.slice(0, eq)] = spec.slice(eq + 1);
}
const log = jsonLogger();
const tiller = await startTiller({
  listen: values.listen,
  probeListen: values['probe-listen'] || undefined,
  storage,
  historyMax: Number(values['history-max']),
  kubeconfigPath: values.kubeconfig,
  namespace: values.namespace,
  leaseSeconds: values['lease-seconds'] ? Number(values['lease-seconds']) : undefined,
  logger: log,
  engines,
}).catch((e: Error) => {
  log.error('tiller failed to start', { error: e.message });
  process.exit(1);
});
process.stdout.write(`listening ${tiller.address}\n`);
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info('shutting down', { signal: sig });
    tiller.stop().then(() => process.exit(0));
  });
}
