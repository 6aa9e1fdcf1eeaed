/**
 * Every installed plugin depends on `@helmts/core` (the SDK), and that package is also the whole
 * CLI (oclif, @oclif/plugin-plugins and its npm): installed into the plugin data directory as a
 * copy, it costs ~33 MB there and gives ES module plugins (`import '@helmts/core'`) a second SDK
 * beside the running one. So the data directory's package.json depends on the running CLI itself,
 * `"@helmts/core": "file:<its root>"`, which npm links (a symbolic link, no copy): a plugin's
 * `@helmts/core` range that this CLI's version satisfies is deduplicated onto it, and Node resolves
 * both `require` and `import` through the link to the very files the CLI runs. A plugin whose range
 * it does not satisfy (a newer minor) gets its own copy nested beside it, as before.
 *
 * npm only reads this when it runs in the data directory, so the link is written (again) before each
 * `plugins install`, `update` and `uninstall`: a CLI that moved (another Node version, a new prefix)
 * points it at itself. Plain CommonJS, no imports beyond Node's: bin/run.cjs requires it for those
 * commands only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SDK = '@helmts/core';

interface DataDirPackageJson {
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The dependency the data directory's package.json should have on the CLI at `cliRoot`. */
function linkTo(cliRoot: string): string {
  return `file:${cliRoot}`;
}

/** The package.json text with the link to `cliRoot`, or undefined when it already has it. */
function withLink(text: string, cliRoot: string): string | undefined {
  const pjson = JSON.parse(text) as DataDirPackageJson;
  if (pjson.dependencies?.[SDK] === linkTo(cliRoot)) return undefined;
  pjson.dependencies = { ...pjson.dependencies, [SDK]: linkTo(cliRoot) };
  return JSON.stringify(pjson, null, 2);
}

/**
 * Before `plugins install`: makes the data directory's package.json (created as
 * @oclif/plugin-plugins creates it when missing) depend on the CLI at `cliRoot`. Answers a function
 * that puts the directory back as it was, for an install that is refused.
 */
export async function linkDataDirSdk(dataDir: string, cliRoot: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'package.json');
  const before = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const after = withLink(
    before ?? JSON.stringify({ private: true, dependencies: {}, oclif: { schema: 1, plugins: [] } }),
    cliRoot,
  );
  if (after === undefined) return async () => {};
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, after);
  return async () => {
    if (before === undefined) await rm(file, { force: true });
    else await writeFile(file, before);
  };
}

/**
 * Before `plugins update` and `uninstall` (npm installs the whole data directory again): points an
 * existing data directory's link at the CLI at `cliRoot`, which also moves a directory filled by an
 * older helmts (a copy of @helmts/core) onto the link. A data directory that is missing or cannot be
 * read or written is left to the command, which reports it.
 */
export function refreshDataDirSdk(dataDir: string, cliRoot: string): void {
  const file = join(dataDir, 'package.json');
  try {
    const after = withLink(readFileSync(file, 'utf8'), cliRoot);
    if (after !== undefined) writeFileSync(file, after);
  } catch {
    // nothing installed yet, or not ours to fix
  }
}
