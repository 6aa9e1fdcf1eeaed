// Start-up of helmts as users install it: `npm i -g @helmts/core` and three official plugins plus a
// third-party one installed by name from a registry (a throw-away Verdaccio on 127.0.0.1, as in
// packages/plugin-release/test/registry-install.test.ts). Median wall time against `node -e 0`.
// Goal: `helmts --version` and `helmts list --help` <= 1.5x.
// Usage: npm run build && node --import tsx bench/startup/installed.ts [runs]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  copyWorkspace,
  lernaPublish,
  newUser,
  publishThirdPartyPlugin,
  startRegistry,
  THIRD_PARTY_PLUGIN,
} from '../../packages/plugin-release/test/npm-registry.js';

const runs = Number(process.argv[2] ?? 21);
const scratch = mkdtempSync(join(tmpdir(), 'helmts-bench-installed-'));
const registry = await startRegistry(join(scratch, 'registry'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

try {
  const user = newUser(scratch, registry);
  lernaPublish(copyWorkspace(join(scratch, 'release')), registry, user.env);
  publishThirdPartyPlugin(join(scratch, 'acme-plugin'), '1.0.0', registry, user.env);
  const sh = (command: string, args: string[]) =>
    execFileSync(command, args, { env: user.env, cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
  sh('npm', ['i', '-g', '@helmts/core']);
  for (const plugin of ['@helmts/plugin-release', '@helmts/plugin-repo', '@helmts/plugin-create', THIRD_PARTY_PLUGIN])
    sh('helmts', ['plugins', 'install', plugin]);

  const time = (command: string, args: string[]) => {
    const samples: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const start = process.hrtime.bigint();
      const result = spawnSync(command, args, { env: user.env, cwd: scratch, stdio: 'ignore' });
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
      // The first run warms the file cache and writes the code cache.
      if (i > 0) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(samples);
  };
  const baseline = time(process.execPath, ['-e', '0']);
  const row = (name: string, ms: number) =>
    `${name.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / baseline).toFixed(2)}x`;
  console.log(`global install, 3 official plugins + ${THIRD_PARTY_PLUGIN}; runs per command: ${runs} (median)`);
  console.log(row('node -e 0', baseline));
  console.log(row('helmts --version', time('helmts', ['--version'])));
  console.log(row('helmts list --help', time('helmts', ['list', '--help'])));
  console.log(row('helmts fixture settings (third-party plugin)', time('helmts', ['fixture', 'settings'])));
} finally {
  registry.stop();
  rmSync(scratch, { recursive: true, force: true });
}
