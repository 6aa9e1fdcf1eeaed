#!/usr/bin/env node
// tiller [--listen host:port] [--probe-listen host:port] [--storage configmap|secret|memory]
//        [--history-max N] [--kubeconfig PATH] [--namespace NS] [--engine NAME=PACKAGE]...
//        [--tls] [--tls-verify] [--tls-cert F] [--tls-key F] [--tls-ca-cert F] [--insecure-listen]
//        [--authz none|impersonate] [--audit-log FILE] [--no-audit-stdout] [--dialect helm2|helm3]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startTiller } from '../server.js';
import { jsonLogger } from '../logger.js';
import { resolveTillerTls } from '../security/tls-settings.js';
import { TILLER_VERSION } from '../tiller-context.js';

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

/** Bad flags get one line (Go's flag package, which Tiller 2.17 uses, also exits 2). */
function parseCommandLine<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    return fail(`Error: ${(error as Error).message.split(/\. /)[0]} (see tiller --help)`);
  }
}

const { values } = parseCommandLine(() =>
  parseArgs({
    options: {
      listen: { type: 'string', default: '127.0.0.1:44134' },
      'probe-listen': { type: 'string', default: '127.0.0.1:44135' },
      storage: { type: 'string', default: 'configmap' },
      'history-max': { type: 'string', default: '0' },
      kubeconfig: { type: 'string' },
      namespace: { type: 'string' },
      'lease-seconds': { type: 'string' },
      engine: { type: 'string', multiple: true },
      tls: { type: 'boolean' },
      'tls-verify': { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-ca-cert': { type: 'string' },
      'insecure-listen': { type: 'boolean' },
      authz: { type: 'string' },
      'audit-log': { type: 'string' },
      'no-audit-stdout': { type: 'boolean' },
      dialect: { type: 'string', default: 'helm2' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  }),
);

// `tiller --version` prints the version Tiller 2.17 prints (what it reports over gRPC too).
if (values.version) {
  process.stdout.write(`${TILLER_VERSION.sem_ver}\n`);
  process.exit(0);
}

if (values.help) {
  process.stdout.write(
    'Usage: tiller [--listen 127.0.0.1:44134] [--probe-listen 127.0.0.1:44135] [--storage configmap|secret|memory] [--history-max N]\n' +
      '              [--kubeconfig PATH] [--namespace NS] [--engine NAME=PACKAGE]...\n' +
      '              [--tls] [--tls-verify] [--tls-cert FILE] [--tls-key FILE] [--tls-ca-cert FILE] [--insecure-listen]\n' +
      '              [--authz none|impersonate] [--audit-log FILE] [--no-audit-stdout] [--dialect helm2|helm3]\n' +
      '--dialect: render as Helm 2.17.0 (helm2, default) or as Helm v4.1.4 (helm3).\n' +
      'TLS also from TILLER_TLS_ENABLE, TILLER_TLS_VERIFY, TILLER_TLS_CERTS (default /etc/certs: tls.crt, tls.key, ca.crt).\n' +
      'A listen address other than loopback needs --tls-verify (mutual TLS) or --insecure-listen.\n' +
      '--authz defaults to impersonate inside a pod, none elsewhere. --version prints the version.\n',
  );
  process.exit(0);
}
const storage = values.storage as 'configmap' | 'secret' | 'memory';
if (!['configmap', 'secret', 'memory'].includes(storage)) fail(`unknown storage driver "${storage}"`);
const dialect = values.dialect as 'helm2' | 'helm3';
if (dialect !== 'helm2' && dialect !== 'helm3') fail(`unknown --dialect "${values.dialect}": expected helm2 or helm3`);
const engines: Record<string, string> = {};
for (const spec of values.engine ?? []) {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1)
    fail(`--engine expects NAME=PACKAGE (e.g. --engine mustache=helmts-engine-mustache), got "${spec}"`);
  engines[spec.slice(0, eq)] = spec.slice(eq + 1);
}
const inCluster =
  Boolean(process.env.KUBERNETES_SERVICE_HOST) && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
const authz = (values.authz ?? (inCluster ? 'impersonate' : 'none')) as 'none' | 'impersonate';
if (authz !== 'none' && authz !== 'impersonate')
  fail(`unknown --authz "${values.authz}": expected none or impersonate`);
const log = jsonLogger();
let tls;
try {
  tls = resolveTillerTls(values);
} catch (e) {
  log.error('tiller failed to start', { error: (e as Error).message });
  process.exit(1);
}
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
  tls,
  insecureListen: values['insecure-listen'],
  authz,
  dialect,
  audit: { stdout: !values['no-audit-stdout'], file: values['audit-log'] },
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
