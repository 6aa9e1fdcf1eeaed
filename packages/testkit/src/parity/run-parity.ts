import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { join, normalize } from 'node:path';

import { type CommandLine, parseCommandLines } from './command-lines.js';
import { mask } from './mask.js';
import { freePort } from '../free-port.js';

export interface ParityOptions {
  /** Directory holding the real Helm 2.17 `helm` and `tiller`. */
  helm2Dir: string;
  /** helmts's CLI entry (core/bin/run.cjs). */
  helmtsBin: string;
  /** helmts's Tiller entry (tiller/dist/bin/tiller.js). */
  tillerBin: string;
  kubeconfig: string;
  /** The table of command lines. */
  table: string;
  /** Charts copied into each phase's working directory as ./charts. */
  charts: string;
  /** Scratch directory (removed by the caller). */
  scratch: string;
  /** Only lines whose command contains this (debugging). */
  filter?: string;
}

interface Output {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface LineResult {
  line: CommandLine;
  identical: boolean;
  helm2: Output;
  helmts: Output;
}

export interface ParityReport {
  results: LineResult[];
  identical: number;
  compared: number;
  /** Different, with the reason the table gives. */
  explained: LineResult[];
  /** Different and not explained: failures. */
  unexplained: LineResult[];
  /** Marked as differing, yet identical now: the explanation is stale. */
  stale: LineResult[];
}

async function waitForPort(port: number, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before listening`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen on 127.0.0.1:${port} within 60s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A plain HTTP chart repository on 127.0.0.1 serving `dir` (index.yaml and archives). */
async function serveDirectory(dir: string): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent((req.url ?? '/').split('?')[0])));
    if (!path.startsWith(dir) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end('not found\n');
      return;
    }
    res.writeHead(200);
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/** The chart repository both phases use, packaged and indexed once by the real helm. */
function prepareRepository(options: ParityOptions, repoDir: string, url: string): void {
  const helm = join(options.helm2Dir, 'helm');
  const env = { ...process.env, HELM_HOME: join(options.scratch, 'repo-home') };
  const run = (args: string[]) => {
    const r = spawnSync(helm, args, { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`helm ${args.join(' ')} failed: ${r.stderr}`);
  };
  run(['init', '--client-only', '--skip-repos']);
  for (const chart of ['web', 'cfg']) run(['package', '--save=false', join(options.charts, chart), '-d', repoDir]);
  run(['repo', 'index', repoDir, '--url', url]);
}

/** One command line through bash, without blocking this process (it serves $REPO); killed after 120 s. */
function runCommandLine(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Output> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Namespaces made for the run (the cleanup lines delete their releases). */
async function createNamespaces(kubeconfig: string, names: string[]): Promise<void> {
  const { CoreV1Api, KubeConfig } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig);
  const core = config.makeApiClient(CoreV1Api);
  for (const name of names) await core.createNamespace({ body: { metadata: { name } } });
}

interface Phase {
  name: 'helm2' | 'helmts';
  /** The phase's own HOME, holding its working directory (work/), HELM_HOME (home/) and helm (bin/). */
  dir: string;
  namespace: string;
  tillerNamespace: string;
  tillerAddress: string;
}

/** Every command line of the table in order, in the phase's directory, against its own Tiller. */
async function runPhase(
  options: ParityOptions,
  phase: Phase,
  table: CommandLine[],
  repoUrl: string,
): Promise<Output[]> {
  const work = join(phase.dir, 'work');
  const binDir = join(phase.dir, 'bin');
  const home = join(phase.dir, 'home');
  // Helm 2's Tiller stores in its namespace and does not create it: both phases get theirs made
  await createNamespaces(options.kubeconfig, [phase.tillerNamespace, phase.namespace]);
  mkdirSync(binDir, { recursive: true });
  cpSync(options.charts, join(work, 'charts'), { recursive: true });
  const helm = join(binDir, 'helm');
  if (phase.name === 'helm2') symlinkSync(join(options.helm2Dir, 'helm'), helm);
  else writeFileSync(helm, `#!/bin/sh\nexec "${process.execPath}" "${options.helmtsBin}" "$@"\n`);
  chmodSync(helm, 0o755);
  const env = {
    ...process.env,
    PATH: `${binDir}:${process.env.PATH}`,
    HOME: phase.dir,
    HELM_HOME: home,
    HELM_HOST: phase.tillerAddress,
    KUBECONFIG: options.kubeconfig,
    TILLER_NAMESPACE: phase.tillerNamespace,
    NS: phase.namespace,
    REPO: repoUrl,
    CHARTS: join(work, 'charts'),
    NO_COLOR: '1',
    HELMTS_HOME: undefined,
    HELMTS_HOST: undefined,
    HELMTS_DEBUG: undefined,
    HELM_DEBUG: undefined,
  };
  const probe = `127.0.0.1:${await freePort()}`;
  const tiller =
    phase.name === 'helm2'
      ? spawn(
          join(options.helm2Dir, 'tiller'),
          ['--listen', phase.tillerAddress, '--probe-listen', probe, '--storage', 'configmap'],
          { env, stdio: 'ignore' },
        )
      : spawn(
          process.execPath,
          [
            options.tillerBin,
            '--listen',
            phase.tillerAddress,
            '--probe-listen',
            probe,
            '--namespace',
            phase.tillerNamespace,
            '--no-audit-stdout',
          ],
          { env, stdio: 'ignore' },
        );
  try {
    await waitForPort(Number(phase.tillerAddress.split(':')[1]), tiller, `${phase.name}'s tiller`);
    // one at a time, and not spawnSync: the chart repository ($REPO) is served by this process
    const outputs: Output[] = [];
    for (const line of table) outputs.push(await runCommandLine(line.command, work, env));
    return outputs;
  } finally {
    tiller.kill('SIGTERM');
    await new Promise((resolve) => (tiller.exitCode !== null ? resolve(undefined) : tiller.once('exit', resolve)));
  }
}

/**
 * Runs every command line of the table twice, in order, each time in a fresh directory (HOME,
 * working directory, HELM_HOME): with the real helm v2.17 against the real tiller, and with helmts
 * against helmts's Tiller, both at once (they share nothing but the Kubernetes API, in namespaces of
 * their own, and the read-only charts and repository); then compares stdout, stderr and exit code
 * after masking what varies.
 */
export async function runParity(options: ParityOptions): Promise<ParityReport> {
  const table = parseCommandLines(readFileSync(options.table, 'utf8')).filter(
    (l) => !options.filter || l.setup || l.command.includes(options.filter),
  );
  const id = Math.random().toString(36).slice(2, 7);
  const repoDir = join(options.scratch, 'repo');
  mkdirSync(repoDir, { recursive: true });
  const repo = await serveDirectory(repoDir);
  const outputs: Record<string, Output[]> = {};
  const phases: Phase[] = [];
  try {
    prepareRepository(options, repoDir, repo.url);
    for (const name of ['helm2', 'helmts'] as const) {
      const short = name === 'helm2' ? 'h2' : 'ts';
      phases.push({
        name,
        dir: join(options.scratch, name),
        // the same length in both phases: a NAMESPACE column is as wide as its longest name
        namespace: `parity-${id}-${short}`,
        tillerNamespace: `parity-${id}-tiller-${short}`,
        tillerAddress: `127.0.0.1:${await freePort()}`,
      });
    }
    const results = await Promise.all(phases.map((phase) => runPhase(options, phase, table, repo.url)));
    phases.forEach((phase, i) => (outputs[phase.name] = results[i]));
  } finally {
    await new Promise((resolve) => repo.server.close(resolve));
  }

  const [h2, ts] = phases;
  const replacementsFor = (phase: Phase) => ({
    [phase.dir]: '<SCRATCH>',
    [phase.namespace]: '<NS>',
    [phase.tillerNamespace]: '<TILLER_NS>',
    [phase.tillerAddress]: '<TILLER>',
    [repo.url]: '<REPO>',
    [options.scratch]: '<SCRATCH>',
  });
  const results: LineResult[] = table.map((line, i) => {
    const a = outputs.helm2[i];
    const b = outputs.helmts[i];
    const maskA = (s: string) => mask(s, { replacements: replacementsFor(h2) });
    const maskB = (s: string) => mask(s, { replacements: replacementsFor(ts) });
    const helm2 = { status: a.status, stdout: maskA(a.stdout), stderr: maskA(a.stderr) };
    const helmts = { status: b.status, stdout: maskB(b.stdout), stderr: maskB(b.stderr) };
    const identical =
      helm2.status === helmts.status && helm2.stdout === helmts.stdout && helm2.stderr === helmts.stderr;
    return { line, identical, helm2, helmts };
  });
  const compared = results.filter((r) => !r.line.setup);
  return {
    results,
    identical: compared.filter((r) => r.identical).length,
    compared: compared.length,
    explained: compared.filter((r) => !r.identical && r.line.explained),
    unexplained: compared.filter((r) => !r.identical && !r.line.explained),
    stale: compared.filter((r) => r.identical && r.line.explained),
  };
}

/** A short unified view of how one line differs (first differing lines of each stream). */
function describeDifference(result: LineResult): string {
  const parts: string[] = [];
  if (result.helm2.status !== result.helmts.status)
    parts.push(`  exit: helm ${result.helm2.status}, helmts ${result.helmts.status}`);
  for (const stream of ['stdout', 'stderr'] as const) {
    const a = result.helm2[stream].split('\n');
    const b = result.helmts[stream].split('\n');
    const at = a.findIndex((l, i) => l !== b[i]);
    const first = at === -1 ? (a.length !== b.length ? Math.min(a.length, b.length) : -1) : at;
    if (first === -1) continue;
    parts.push(`  ${stream} line ${first + 1}:`);
    parts.push(`    helm   | ${JSON.stringify(a.slice(first, first + 3).join('\n'))}`);
    parts.push(`    helmts | ${JSON.stringify(b.slice(first, first + 3).join('\n'))}`);
  }
  return parts.join('\n');
}

/** The report the suite prints: the count, then each explained difference with its reason. */
export function formatReport(report: ParityReport): string {
  const lines = [`${report.identical}/${report.compared} command lines identical`];
  if (report.explained.length) {
    lines.push('', 'Explained differences:');
    for (const r of report.explained)
      lines.push(`  line ${r.line.line}: ${r.line.command}`, `    why: ${r.line.explained}`);
  }
  if (report.unexplained.length) {
    lines.push('', 'UNEXPLAINED differences:');
    for (const r of report.unexplained) lines.push(`  line ${r.line.line}: ${r.line.command}`, describeDifference(r));
  }
  if (report.stale.length) {
    lines.push('', 'Marked as differing but identical now (drop the "## differs:" note):');
    for (const r of report.stale) lines.push(`  line ${r.line.line}: ${r.line.command}`);
  }
  return `${lines.join('\n')}\n`;
}
