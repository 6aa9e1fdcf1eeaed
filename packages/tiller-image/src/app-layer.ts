/**
 * The application layer: @helmts/tiller and every package it needs at run time, found by walking
 * `dependencies` with Node's own lookup (node_modules folders from the requiring package up), and
 * laid out below /app/node_modules as an `npm install --omit=dev` would. Workspace packages bring
 * only what they publish (their package.json "files"); type declarations, source maps and
 * Markdown are left out of every package.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

import { hostTree, layerPath, type LayerEntry } from '@helmts/oci-image';

export const APP_DIR = '/app';

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  files?: string[];
}

const SKIP = /(\.d\.[cm]?ts|\.map|\.md|\.tsbuildinfo)$/i;

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** The folder of package `name` as Node finds it from `fromDir` (its realpath), or undefined. */
function locate(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

export interface AppPackage {
  name: string;
  /** folder on the host */
  dir: string;
  /** folder in the image */
  imageDir: string;
  /** a workspace package (copied by its "files"), not one from node_modules */
  workspace: boolean;
}

/** @helmts/tiller's run-time dependency closure, each package placed where Node will find it in /app. */
export function appPackages(tillerDir: string, repoRoot: string): AppPackage[] {
  const found = new Map<string, AppPackage>();
  const visit = (dir: string) => {
    if (found.has(dir)) return;
    const pkg = readPackage(dir);
    const rel = relative(repoRoot, dir).split(sep).join('/');
    const workspace = !rel.split('/').includes('node_modules');
    // packages/<x>[/node_modules/…] → node_modules/<its name>[/node_modules/…]; node_modules/… stays.
    const imageRel = workspace
      ? `node_modules/${pkg.name}`
      : rel.replace(/^packages\/[^/]+\//, (m) => `node_modules/${readPackage(join(repoRoot, m)).name}/`);
    found.set(dir, { name: pkg.name, dir, imageDir: `${APP_DIR}/${imageRel}`, workspace });
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).sort()) {
      const depDir = locate(dep, dir);
      if (depDir) visit(depDir);
      else if (!pkg.optionalDependencies?.[dep]) throw new Error(`${pkg.name} needs ${dep}, which is not installed`);
    }
  };
  visit(realpathSync(tillerDir));
  return [...found.values()].sort((a, b) => a.imageDir.localeCompare(b.imageDir));
}

/** The layer entries of those packages. */
export async function appLayer(packages: readonly AppPackage[]): Promise<LayerEntry[]> {
  const out: LayerEntry[] = [];
  for (const p of packages) {
    const parts = p.workspace ? ['package.json', ...(readPackage(p.dir).files ?? [])] : ['.'];
    for (const part of parts) {
      const host = join(p.dir, part);
      if (!existsSync(host)) continue;
      const entries = await hostTree(host, part === '.' ? p.imageDir : `${p.imageDir}/${part}`);
      const base = layerPath(p.imageDir);
      // A nested node_modules of a package is its own entry in the closure (or not needed at all).
      out.push(
        ...entries.filter(
          (e) => !SKIP.test(e.path) && !`${layerPath(e.path).slice(base.length)}/`.includes('/node_modules/'),
        ),
      );
    }
  }
  return out;
}
