import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { localClusterScript } from '../src/index.js';

// A second, throw-away cluster with a node, in its own state dir: it runs next to the suite's
// cluster (two node instances on one machine), runs a pod, and must leave nothing behind.

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

function script(dir: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [localClusterScript(), ...args],
      { env: { ...process.env, HELMTS_CLUSTER_DIR: dir, HELMTS_CLUSTER_NODE: '1' }, timeout: 600_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${args[0]}: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/**
 * Everything a node instance could leave on the machine, as text, for one state dir. Pods of
 * another instance (the suite's cluster) come and go meanwhile: their veths, their netns mounts
 * and a bridge's linkdown flag are not compared; ours show up in mounts and processes instead.
 */
function machineState(dir: string) {
  const procs = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return (
          readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir) || readlinkSync(`/proc/${p}/cwd`).startsWith(dir)
        );
      } catch {
        return false;
      }
    })
    .map((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120));
  const mountinfo = readFileSync('/proc/self/mountinfo', 'utf8').split('\n');
  const cgroupDirs = readdirSync('/sys/fs/cgroup').flatMap((h) => {
    try {
      return readdirSync(`/sys/fs/cgroup/${h}`)
        .filter((c) => c.startsWith('helmts-'))
        .map((c) => `${h}/${c}`);
    } catch {
      return [];
    }
  });
  const tables = (cmd: string) =>
    sh(cmd, [])
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.replace(/\[\d+:\d+\]/g, ''));
  return {
    processes: procs,
    mounts: mountinfo.filter((l) => l.includes(dir)),
    netns: sh('ip', ['netns', 'list']),
    links: sh('ip', ['-o', 'link', 'show'])
      .split('\n')
      .map((l) => l.split(':')[1]?.trim().split('@')[0])
      .filter((l) => l && !l.startsWith('veth')),
    routes: sh('ip', ['-4', 'route', 'show']).replace(/ linkdown/g, ''),
    iptables: tables('iptables-save'),
    ip6tables: tables('ip6tables-save'),
    nftTables: sh('nft', ['list', 'tables']),
    cgroups: cgroupDirs,
    ipForward: readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim(),
    sharedDirs: ['/run/containerd', '/var/log/containers', '/var/lib/cni'].filter((d) => existsSync(d)),
    shims: sh('pgrep', ['-fa', `containerd-shim-runc-v2.*${dir}`]),
  };
}

describe('local cluster node › start then stop leaves nothing behind', function () {
  this.timeout(600_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'helmts-node-'));
  });
  after(async () => {
    await script(dir, 'stop').catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a pod on its own bridge, then removes processes, mounts, links, routes, iptables rules and cgroups', async () => {
    const before = machineState(dir);
    await script(dir, 'start');
    const env = Object.fromEntries(
      [...(await script(dir, 'env')).matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
    );
    assert.ok(env.HELMTS_CLUSTER_BUSYBOX_IMAGE, 'env exports the busybox image');
    const kc = new KubeConfig();
    kc.loadFromFile(env.KUBECONFIG);
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name: 'web' },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [
            {
              name: 'web',
              image: env.HELMTS_CLUSTER_BUSYBOX_IMAGE,
              imagePullPolicy: 'Never',
              command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
              readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
            },
          ],
        },
      },
    });
    let podIP: string | undefined;
    for (let i = 0; i < 240 && !podIP; i++) {
      const pod = await core.readNamespacedPod({ name: 'web', namespace: 'default' });
      if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) podIP = pod.status.podIP;
      else await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(podIP, 'the pod became Ready');
    const during = machineState(dir);
    // While it runs, the snapshot sees the node: so an equal snapshot after stop means something.
    assert.ok(
      during.processes.some((p) => p.includes('kubelet')),
      'kubelet runs',
    );
    assert.ok(during.mounts.length > 0, 'mounts under the state dir');
    assert.ok(during.cgroups.length > before.cgroups.length, 'cgroups of the node');
    const bridge = during.links.find((l) => !before.links.includes(l) && l.startsWith('hts'));
    assert.ok(bridge, 'a bridge of its own');
    assert.match(during.routes, new RegExp(`dev ${bridge}`));
    assert.equal(during.ipForward, '1');
    assert.doesNotMatch(during.routes, new RegExp(`default .*dev ${bridge}`), 'no default route through the bridge');
    // The pods' way to the API server (the "kubernetes" Service address handed to 127.0.0.1).
    const table = during.nftTables
      .split('\n')
      .find((l) => /^table ip helmts-/.test(l) && !before.nftTables.includes(l));
    assert.ok(table, 'an nf table of its own');
    assert.equal(readFileSync(`/proc/sys/net/ipv4/conf/${bridge}/route_localnet`, 'utf8').trim(), '1');

    await script(dir, 'stop');
    assert.deepEqual(machineState(dir), before);
  });
});
