import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { helmtsBin } from './helmts.js';

const guide = fileURLToPath(new URL('../../../docs/plugins.md', import.meta.url));
const require = createRequire(import.meta.url);

interface Step {
  /** `file <path>`, `install`, `run`, `fails <code>`, `output` or `output stderr`. */
  marker: string;
  code: string;
}

/** The code blocks of docs/plugins.md preceded by `<!-- walkthrough: ... -->`, dedented, in order. */
function walkthroughSteps(markdown: string): Step[] {
  const lines = markdown.split('\n');
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = /^\s*<!-- walkthrough: (.+?) -->\s*$/.exec(lines[i]);
    if (!marker) continue;
    let open = i + 1;
    while (open < lines.length && lines[open].trim() === '') open++;
    const fence = /^(\s*)```/.exec(lines[open]);
    assert.ok(fence, `a code block must follow "${lines[i].trim()}" (line ${i + 1})`);
    const indent = fence[1].length;
    const body: string[] = [];
    let close = open + 1;
    for (; close < lines.length && !/^\s*```\s*$/.test(lines[close]); close++) body.push(lines[close].slice(indent));
    steps.push({ marker: marker[1], code: body.join('\n') });
    i = close;
  }
  return steps;
}

/** A package's directory as the monorepo has it installed. */
function installedPackageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** oclif's warnings (" ›   ...") are not part of what a command prints. */
const withoutWarnings = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.startsWith(' ›'))
    .join('\n');
const normalise = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

describe('docs/plugins.md walkthrough, followed literally', function () {
  let scratch: string;
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('ends with a working plugin', () => {
    const steps = walkthroughSteps(readFileSync(guide, 'utf8'));
    assert.ok(
      steps.some((s) => s.marker === 'run') && steps.some((s) => s.marker.startsWith('file ')),
      'the guide has walkthrough steps',
    );

    scratch = mkdtempSync(join(tmpdir(), 'helmts-walkthrough-'));
    const pluginDir = join(scratch, 'helmts-plugin-greet');
    mkdirSync(pluginDir);
    // `helmts` on PATH is the @helmts/core of this checkout, installed on its own.
    const binDir = join(scratch, 'bin');
    mkdirSync(binDir);
    writeFileSync(join(binDir, 'helmts'), `#!/bin/sh\nexec "${process.execPath}" "${helmtsBin}" "$@"\n`);
    chmodSync(join(binDir, 'helmts'), 0o755);
    const env: Record<string, string | undefined> = {
      ...process.env,
      PATH: `${binDir}:${dirname(process.execPath)}:${process.env.PATH}`,
      NO_COLOR: '1',
      HELMTS_CORE_ONLY: '1',
      HELMTS_DATA_DIR: join(scratch, 'data'),
      HELMTS_CACHE_DIR: join(scratch, 'cache'),
      HELMTS_CONFIG_DIR: join(scratch, 'config'),
      HELMTS_HOME: join(scratch, 'home'),
      HELMTS_HOST: '',
      TILLER_NAMESPACE: '',
      HELMTS_DEBUG: '',
      OCLIF_DISABLE_LINKED_ESM_WARNING: undefined,
    };

    let last: { status: number | null; stdout: string; stderr: string } | undefined;
    for (const step of steps) {
      const [kind, ...rest] = step.marker.split(' ');
      if (kind === 'file') {
        const path = join(pluginDir, rest.join(' '));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, `${step.code}\n`);
      } else if (kind === 'install') {
        // The packages the guide installs from npm are linked from this checkout instead, so the
        // test needs no registry (and uses the SDK as it is now).
        const packages = step.code
          .split('\n')
          .flatMap((line) =>
            line
              .replace(/^npm install( -D)?/, '')
              .trim()
              .split(/\s+/),
          )
          .filter(Boolean);
        assert.deepEqual(packages, ['@helmts/core', 'typescript', '@types/node']);
        for (const name of packages) {
          const target = join(pluginDir, 'node_modules', name);
          mkdirSync(dirname(target), { recursive: true });
          symlinkSync(installedPackageDir(name), target, 'dir');
        }
        mkdirSync(join(pluginDir, 'node_modules', '.bin'));
        symlinkSync(
          join(installedPackageDir('typescript'), 'bin', 'tsc'),
          join(pluginDir, 'node_modules', '.bin', 'tsc'),
        );
      } else if (kind === 'run' || kind === 'fails') {
        const result = spawnSync('sh', ['-e', '-c', step.code], {
          cwd: pluginDir,
          env,
          encoding: 'utf8',
          timeout: 300_000,
        });
        last = { status: result.status, stdout: result.stdout, stderr: result.stderr };
        const expected = kind === 'fails' ? Number(rest[0]) : 0;
        assert.equal(
          result.status,
          expected,
          `"${step.code}" exited with ${result.status}:\n${result.stdout}\n${result.stderr}`,
        );
      } else if (kind === 'output') {
        assert.ok(last, 'an output block must follow a run block');
        const actual = rest[0] === 'stderr' ? withoutWarnings(last.stderr) : last.stdout;
        assert.equal(normalise(actual), normalise(step.code));
      } else {
        assert.fail(`unknown walkthrough marker "${step.marker}"`);
      }
    }
    spawnSync('sh', ['-c', 'helmts plugins unlink .'], { cwd: pluginDir, env });
  });
});
