#!/usr/bin/env node
// Search on a huge repository index: the real helm against helmts, in one run.
// Generates a ~23 MB index.yaml with 40 000 chart versions, serves it on 127.0.0.1, adds it to
// both clients (separate temporary homes) and times `search` on each.
// Usage: node bench/search/run.mjs [--runs N] [--helm PATH] [--keep]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight } from '../preflight.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const runs = Number(option('--runs', '3'));
const helm = option('--helm', process.env.HELM_BIN ?? '/tmp/helmbin/helm/helm');
const helmtsFull = join(root, 'packages', 'core', 'bin', 'run.cjs');
const helmts = join(root, 'bench', 'search', 'helmts-repo-cli.cjs');
const CHARTS = 2000;
const VERSIONS = 20;
const WORDS = [
  'database',
  'cache',
  'proxy',
  'queue',
  'monitoring',
  'logging',
  'storage',
  'gateway',
  'search',
  'stream',
];

const check = preflight('bench/search');
check.build('packages/core/dist/plugin.cjs', 'packages/plugin-repo/dist/plugin.cjs');
check.helm(helm);

const work = mkdtempSync(join(tmpdir(), 'helmts-bench-search-'));
const indexPath = join(work, 'index.yaml');

function generateIndex() {
  const parts = ['apiVersion: v1\nentries:\n'];
  for (let c = 0; c < CHARTS; c++) {
    const name = `chart-${String(c).padStart(5, '0')}`;
    const word = WORDS[c % WORDS.length];
    parts.push(`  ${name}:\n`);
    for (let v = VERSIONS - 1; v >= 0; v--) {
      const version = `${1 + (v >> 3)}.${v & 7}.${c % 5}`;
      const digest = createHash('sha256').update(`${name}-${version}`).digest('hex');
      parts.push(
        `  - apiVersion: v1\n    appVersion: ${3 + (v >> 2)}.${v % 4}.0\n    created: "2024-05-0${1 + (v % 9)}T10:${String(v).padStart(2, '0')}:00.123456789Z"\n` +
          `    description: The ${word} service number ${c}, packaged for Kubernetes with sensible defaults, ` +
          `health checks and metrics.\n` +
          `    digest: ${digest}\n    home: https://example.com/${name}\n` +
          `    keywords:\n    - ${word}\n    - ${WORDS[(c + 3) % WORDS.length]}\n    - bench\n` +
          `    maintainers:\n    - email: team-${c % 50}@example.com\n      name: Team ${c % 50}\n` +
          `    name: ${name}\n    sources:\n    - https://github.com/example/${name}\n` +
          `    urls:\n    - charts/${name}-${version}.tgz\n    version: ${version}\n`,
      );
    }
  }
  parts.push('generated: "2024-05-10T10:00:00.123456789Z"\n');
  writeFileSync(indexPath, parts.join(''));
}

function measure(command, commandArgs, env) {
  // GNU time gives the peak resident set size of the child.
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const started = process.hrtime.bigint();
  const result = timeBin
    ? spawnSync(timeBin, ['-f', '%M', command, ...commandArgs], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(command, commandArgs, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
  const lines = result.stderr.trim().split('\n');
  const peakKiB = timeBin ? Number(lines[lines.length - 1]) : NaN;
  return { seconds, peakMiB: peakKiB / 1024, stdout: result.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

generateIndex();
const server = http.createServer((req, res) => {
  if (req.url === '/index.yaml') {
    res.writeHead(200, { 'Content-Type': 'text/yaml', 'Content-Length': statSync(indexPath).size });
    createReadStream(indexPath).pipe(res);
  } else res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;

const helmEnv = {
  HELM_CACHE_HOME: join(work, 'helm', 'cache'),
  HELM_CONFIG_HOME: join(work, 'helm', 'config'),
  HELM_DATA_HOME: join(work, 'helm', 'data'),
};
const helmtsEnv = { HELMTS_HOME: join(work, 'helmts'), NO_COLOR: '1' };
const keyword = 'database';

try {
  const size = statSync(indexPath).size;
  console.log(
    `index: ${(size / 1024 / 1024).toFixed(1)} MiB, ${CHARTS * VERSIONS} chart versions (${CHARTS} charts), served at ${url}`,
  );
  // spawnSync blocks this process, so the server must be in another one while the clients download.
  server.close();
  const serverProcess = (await import('node:child_process')).spawn(
    process.execPath,
    [
      '-e',
      `require('http').createServer((q,s)=>{if(q.url==='/index.yaml'){s.writeHead(200,{'Content-Type':'text/yaml'});require('fs').createReadStream(${JSON.stringify(indexPath)}).pipe(s)}else{s.writeHead(404).end()}}).listen(${server.address()?.port ?? 0} || 0,'127.0.0.1',function(){console.log(this.address().port)})`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise((resolve) =>
    serverProcess.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
  );
  const repoUrl = `http://127.0.0.1:${port}`;
  try {
    const helmAdd = measure(helm, ['repo', 'add', 'big', repoUrl], helmEnv);
    const oursAdd = measure(process.execPath, [helmts, 'repo', 'add', 'big', repoUrl], helmtsEnv);
    console.log(
      `repo add: helm ${helmAdd.seconds.toFixed(2)} s, helmts ${oursAdd.seconds.toFixed(2)} s (${oursAdd.peakMiB.toFixed(0)} MiB peak)`,
    );
    const helmRuns = [];
    const oursRuns = [];
    const fullRuns = [];
    for (let i = 0; i < runs; i++) {
      helmRuns.push(measure(helm, ['search', 'repo', keyword], helmEnv));
      oursRuns.push(measure(process.execPath, [helmts, 'search', keyword], helmtsEnv));
      fullRuns.push(measure(process.execPath, [helmtsFull, 'search', keyword], helmtsEnv));
    }
    const helmRows = helmRuns[0].stdout.trim().split('\n').length - 1;
    const oursRows = oursRuns[0].stdout.trim().split('\n').length - 1;
    const helmTime = median(helmRuns.map((r) => r.seconds));
    const oursTime = median(oursRuns.map((r) => r.seconds));
    const helmPeak = Math.max(...helmRuns.map((r) => r.peakMiB));
    const oursPeak = Math.max(...oursRuns.map((r) => r.peakMiB));
    console.log(`search "${keyword}" (median of ${runs} runs; ${helmRows} rows from helm, ${oursRows} from helmts):`);
    console.log(`  helm    ${helmTime.toFixed(3)} s   peak ${helmPeak.toFixed(0)} MiB`);
    console.log(`  helmts  ${oursTime.toFixed(3)} s   peak ${oursPeak.toFixed(0)} MiB   (core + plugin-repo)`);
    const fullTime = median(fullRuns.map((r) => r.seconds));
    console.log(
      `  helmts  ${fullTime.toFixed(3)} s   peak ${Math.max(...fullRuns.map((r) => r.peakMiB)).toFixed(0)} MiB   (checkout's bin/run.cjs, every workspace plugin)`,
    );
    const bare = median(
      Array.from({ length: runs }, () => measure(process.execPath, [helmts, 'home'], helmtsEnv).seconds),
    );
    console.log(`  (helmts startup alone, "home" command: ${bare.toFixed(3)} s)`);
    const ratio = oursTime / helmTime;
    console.log(
      `  ratio   ${ratio.toFixed(3)}x time (target <= 0.05x), ${oursPeak.toFixed(0)} MiB peak (target <= 100 MiB)`,
    );
  } finally {
    serverProcess.kill();
  }
} finally {
  if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
