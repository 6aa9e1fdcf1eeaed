// The fault run: Toxiproxy between Tiller and kube-apiserver (both on 127.0.0.1) adds latency,
// resets connections (before the request arrives, and after it arrived but before the answer did),
// stalls them (Tiller's deadline ends the call) and limits bandwidth, in turns, while installs,
// upgrades, rollbacks and deletes run on several releases at once. Then the faults stop and the
// figures are printed: operations tried, succeeded, failed with a clear error (and with an unclear
// one), revisions lost, releases left unsettled, releases left unupgradable. Goals: no unclear
// error, no revision lost, every release upgradable (or installable again) at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { KubeConfig } from '@kubernetes/client-node';
import {
  ConfigMapDriver,
  Storage,
  grpcStatusOf,
  installRelease,
  rollbackRelease,
  silentLogger,
  startTiller,
  uninstallRelease,
  upgradeRelease,
  type TillerContext,
  type TillerHandle,
} from '../src/index.js';
import { makeChart, startFixture, type TillerFixture } from './tiller-fixture.js';
import { startToxiproxy, type Toxic, type Toxiproxy } from './toxiproxy.js';

const chart = makeChart(
  {
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  n: {{ .Values.n | quote }}\n',
    'templates/svc.yaml':
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\nspec:\n  ports:\n  - port: 80\n',
  },
  'n: "0"\n',
);

const RELEASES = 6;
const FAULT_SECONDS = Number(process.env.HELMTS_FAULT_SECONDS ?? 48);
const PHASE_MS = 4000;
const LEASE_SECONDS = 4;

/** The turns of faults, each for PHASE_MS, over and over. */
const PHASES: { name: string; toxics: Toxic[]; down?: boolean }[] = [
  { name: 'latency', toxics: [{ type: 'latency', stream: 'downstream', attributes: { latency: 300, jitter: 250 } }] },
  {
    name: 'resets',
    toxics: [
      // before the request reaches the apiserver, and after it did but before the answer came back
      { type: 'reset_peer', stream: 'upstream', toxicity: 0.3, attributes: { timeout: 0 } },
      { type: 'reset_peer', stream: 'downstream', toxicity: 0.3, attributes: { timeout: 0 } },
    ],
  },
  // stalled connections: nothing goes through, nothing is closed; Tiller's deadline ends the call
  { name: 'stalls', toxics: [{ type: 'timeout', stream: 'upstream', toxicity: 0.4, attributes: { timeout: 0 } }] },
  { name: 'bandwidth', toxics: [{ type: 'bandwidth', stream: 'downstream', attributes: { rate: 8 } }] },
  // the apiserver unreachable: connections closed, new ones refused
  { name: 'outage', toxics: [], down: true },
  // every connection stalls, in both directions
  {
    name: 'blackhole',
    toxics: [
      { type: 'timeout', stream: 'upstream', attributes: { timeout: 0 } },
      { type: 'timeout', stream: 'downstream', attributes: { timeout: 0 } },
    ],
  },
  {
    name: 'mixed',
    toxics: [
      { type: 'latency', stream: 'upstream', attributes: { latency: 150, jitter: 100 } },
      { type: 'reset_peer', stream: 'downstream', toxicity: 0.2, attributes: { timeout: 20 } },
      { type: 'timeout', stream: 'downstream', toxicity: 0.2, attributes: { timeout: 0 } },
      { type: 'bandwidth', stream: 'upstream', attributes: { rate: 32 } },
    ],
  },
  { name: 'calm', toxics: [] },
];

type Op = 'install' | 'replace' | 'upgrade' | 'rollback' | 'delete';

/** One line, in words: no raw apiserver body, no client-node or node-fetch boilerplate, no stack. */
function unclear(details: string): boolean {
  return (
    details.includes('\n') ||
    details.length > 600 ||
    /HTTP-Code|Unknown API Status Code|Body: |\[object |undefined|^\s*at |request to https?:/.test(details)
  );
}

describe('fault run: Toxiproxy between Tiller and kube-apiserver @cluster', function () {
  this.timeout(FAULT_SECONDS * 1000 + 180_000);
  let f: TillerFixture;
  let toxiproxy: Toxiproxy;
  let tiller: TillerHandle;
  let clean: Storage; // records read without the proxy
  before(async () => {
    f = await startFixture({ leaseSeconds: LEASE_SECONDS });
    clean = new Storage(new ConfigMapDriver({ namespace: f.tillerNs, kubeConfig: f.kc }));
    toxiproxy = await startToxiproxy();
    const server = new URL(f.kc.getCurrentCluster()!.server);
    const listen = await toxiproxy.proxy('apiserver', `${server.hostname}:${server.port}`);
    const proxied = new KubeConfig();
    proxied.loadFromString(f.kc.exportConfig());
    proxied.loadFromOptions({
      clusters: proxied.clusters.map((c) => ({ ...c, server: `https://${listen}` })),
      users: proxied.users,
      contexts: proxied.contexts,
      currentContext: proxied.currentContext,
    });
    // the same records and Leases as the fixture's Tiller, through the proxy; short deadlines so a
    // stalled connection costs seconds, not minutes
    tiller = await startTiller({
      listen: '127.0.0.1:0',
      kubeConfig: proxied,
      namespace: f.tillerNs,
      logger: silentLogger,
      pollMs: 200,
      leaseSeconds: LEASE_SECONDS,
      kube: { requestTimeoutMs: 2000, attempts: 4, retryDelayMs: 100 },
    });
  });
  after(async () => {
    await tiller?.stop(5000);
    await toxiproxy?.stop();
    await f?.close();
  });

  it('installs, upgrades, rollbacks and deletes under latency, resets, stalls and bandwidth limits: nothing lost, nothing wedged', async () => {
    const ctx: TillerContext = tiller.context;
    const names = Array.from({ length: RELEASES }, (_, i) => `fault${i}`);
    const tried = new Map<Op, number>();
    const succeeded = new Map<Op, number>();
    const clearFailures = new Map<string, number>();
    const unclearFailures: string[] = [];
    /** revisions an operation reported as written, per release */
    const reported = new Map<string, Set<number>>(names.map((n) => [n, new Set()]));

    const statusOfLatest = async (name: string) => {
      const history = await clean.history(name).catch(() => []);
      return {
        deployed: history.some((r) => r.info?.status?.code === 'DEPLOYED'),
        latest: String(history.at(-1)?.info?.status?.code ?? 'NONE'),
        version: history.at(-1)?.version ?? 0,
      };
    };
    const run = async (name: string, op: Op, n: number) => {
      tried.set(op, (tried.get(op) ?? 0) + 1);
      const values = `n: "${n}"\n`;
      try {
        const result =
          op === 'install' || op === 'replace'
            ? await installRelease(ctx, {
                chart: chart as never,
                name,
                namespace: f.releaseNs,
                values,
                reuseName: op === 'replace',
              })
            : op === 'upgrade'
              ? await upgradeRelease(ctx, { name, chart: chart as never, values })
              : op === 'rollback'
                ? await rollbackRelease(ctx, { name, version: 0 })
                : await uninstallRelease(ctx, { name });
        succeeded.set(op, (succeeded.get(op) ?? 0) + 1);
        const version = (result as { release?: { version?: number } }).release?.version;
        if (version) reported.get(name)!.add(version);
      } catch (e) {
        const { details } = grpcStatusOf(e);
        if (unclear(details)) unclearFailures.push(`${op} ${name}: ${details}`);
        else {
          const kind = details
            .replace(/ \d+\.\d+\.\d+\.\d+:\d+/g, '')
            .replace(/(tiller|rel)-[a-z0-9]{8}-[a-z0-9]{5}/g, 'NS')
            .replace(/fault\d+(\.v\d+)?/g, 'R')
            .slice(0, 120);
          clearFailures.set(kind, (clearFailures.get(kind) ?? 0) + 1);
        }
      }
    };

    // faults in turns, while every release goes through its operations
    let stop = false;
    const faults = (async () => {
      for (let i = 0; !stop; i++) {
        const phase = PHASES[i % PHASES.length]!;
        await toxiproxy.clearToxics('apiserver');
        await toxiproxy.setEnabled('apiserver', !phase.down);
        for (const [k, t] of phase.toxics.entries()) await toxiproxy.addToxic('apiserver', `${phase.name}${k}`, t);
        await new Promise((r) => setTimeout(r, PHASE_MS));
      }
      await toxiproxy.clearToxics('apiserver');
      await toxiproxy.setEnabled('apiserver', true);
    })();
    const cycle: Op[] = ['upgrade', 'upgrade', 'rollback', 'upgrade', 'delete'];
    const deadline = Date.now() + FAULT_SECONDS * 1000;
    await Promise.all(
      names.map(async (name, w) => {
        for (let step = 0; Date.now() < deadline; step++) {
          const { deployed, latest, version } = await statusOfLatest(name);
          let op: Op =
            latest === 'NONE'
              ? 'install'
              : deployed || /^PENDING_/.test(latest)
                ? cycle[(step + w) % cycle.length]!
                : 'replace';
          if (op === 'rollback' && version < 2) op = 'upgrade';
          await run(name, op, step);
        }
      }),
    );
    stop = true;
    await faults;

    // faults over: whatever was left unfinished is settled in the background within a lease period
    // or two (or by the next operation, as below)
    const unsettled = async () => {
      const left: string[] = [];
      for (const name of names) {
        const { latest } = await statusOfLatest(name);
        if (/^PENDING_|^DELETING$/.test(latest)) left.push(`${name} ${latest}`);
      }
      return left;
    };
    for (let i = 0; i < 40 && (await unsettled()).length > 0; i++) await new Promise((r) => setTimeout(r, 250));
    const leftUnsettled = await unsettled();

    // every release usable again at once: upgraded when it has a deployed revision, else installed again
    const unupgradable: string[] = [];
    for (const name of names) {
      const { deployed, latest } = await statusOfLatest(name);
      try {
        if (deployed) await upgradeRelease(ctx, { name, chart: chart as never, values: 'n: "final"\n' });
        else if (latest === 'NONE') await installRelease(ctx, { chart: chart as never, name, namespace: f.releaseNs });
        else await installRelease(ctx, { chart: chart as never, name, namespace: f.releaseNs, reuseName: true });
      } catch (e) {
        unupgradable.push(`${name} (${latest}): ${(e as Error).message}`);
      }
    }

    // history: every revision an operation reported is there, versions 1..N without gaps, one DEPLOYED
    let lost = 0;
    const broken: string[] = [];
    for (const name of names) {
      const history = await clean.history(name).catch(() => []);
      const versions = history.map((r) => r.version);
      for (const v of reported.get(name)!) if (!versions.includes(v)) lost++;
      if (versions.some((v, i) => v !== i + 1)) broken.push(`${name}: versions ${versions.join(',')}`);
      const codes = history.map((r) => String(r.info?.status?.code));
      if (codes.filter((c) => c === 'DEPLOYED').length !== 1) broken.push(`${name}: ${codes.join(',')}`);
      if (codes.some((c) => /^PENDING_|^DELETING$/.test(c))) broken.push(`${name}: ${codes.join(',')}`);
    }

    const sum = (m: Map<unknown, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const byOp = (m: Map<Op, number>) =>
      (['install', 'replace', 'upgrade', 'rollback', 'delete'] as Op[]).map((o) => `${o} ${m.get(o) ?? 0}`).join(', ');
    const report = [
      `fault run: toxiproxy ${toxiproxy.version} between Tiller and kube-apiserver, ${FAULT_SECONDS} s, ${RELEASES} releases at once, faults in turns of ${PHASE_MS / 1000} s (${PHASES.map((p) => p.name).join(', ')})`,
      `  operations tried      ${sum(tried)} (${byOp(tried)})`,
      `  succeeded             ${sum(succeeded)} (${byOp(succeeded)})`,
      `  failed, clear error   ${sum(clearFailures)}`,
      ...[...clearFailures.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, c]) => `      ${String(c).padStart(3)}  ${k}`),
      `  failed, unclear error ${unclearFailures.length}`,
      ...unclearFailures.slice(0, 10).map((u) => `      ${u}`),
      `  revisions lost        ${lost}`,
      `  left unsettled ${(LEASE_SECONDS * 2.5).toFixed(0)} s after the faults ${leftUnsettled.length}${leftUnsettled.length ? ` (${leftUnsettled.join(', ')})` : ''}`,
      `  releases left unupgradable ${unupgradable.length}`,
      ...unupgradable.map((u) => `      ${u}`),
    ].join('\n');
    console.log(report);

    assert.ok(sum(succeeded) > 0, 'nothing succeeded under faults');
    assert.ok(
      sum(clearFailures) + unclearFailures.length > 0,
      'the faults never failed an operation: were they injected?',
    );
    assert.deepEqual(unclearFailures, [], 'errors that are not one clear line');
    assert.equal(lost, 0, 'revisions lost');
    assert.deepEqual(unupgradable, [], 'releases left unupgradable');
    assert.deepEqual(broken, [], 'histories broken');
  });
});
