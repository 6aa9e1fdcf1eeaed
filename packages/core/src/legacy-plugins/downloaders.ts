import { isAbsolute, join } from 'node:path';

import { HelmtsError } from '../sdk/errors.js';
import type { Settings } from '../sdk/settings.js';
import { discoverPlugins, pluginDirs } from './discovery.js';
import { expandEnv, pluginEnvironment } from './environment.js';
import type { LegacyPlugin } from './manifest.js';

/** A legacy plugin's downloader for one URL scheme. */
export interface Downloader {
  /** The URL scheme it handles, without "://" (e.g. "s3"). */
  protocol: string;
  /** The downloader's command as plugin.yaml gives it (relative to the plugin's directory). */
  command: string;
  plugin: LegacyPlugin;
  /** The plugin directories searched (given to the downloader as HELM_PLUGIN). */
  pluginDirs: string[];
}

/** Accepts "s3", "s3:" and "s3://bucket/x" alike. */
function schemeOf(protocolOrUrl: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*)(?::|$)/.exec(protocolOrUrl);
  return (match ? match[1] : protocolOrUrl).toLowerCase();
}

/** Every URL scheme installed downloader plugins handle, each with the first plugin that claims it. */
export async function listDownloaders(settings: Settings, env: NodeJS.ProcessEnv = process.env): Promise<Downloader[]> {
  const dirs = pluginDirs(settings, env);
  const seen = new Map<string, Downloader>();
  for (const plugin of (await discoverPlugins(dirs)).plugins) {
    for (const downloader of plugin.manifest.downloaders) {
      for (const protocol of downloader.protocols) {
        const scheme = schemeOf(protocol);
        if (!seen.has(scheme))
          seen.set(scheme, { protocol: scheme, command: downloader.command, plugin, pluginDirs: dirs });
      }
    }
  }
  return [...seen.values()];
}

/**
 * The installed downloader plugin for a URL scheme (`protocol` may also be a whole URL), or
 * undefined when none handles it. `fetch` and `repo add` use this for schemes other than http(s).
 */
export async function findDownloader(
  protocol: string,
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Downloader | undefined> {
  const scheme = schemeOf(protocol);
  return (await listDownloaders(settings, env)).find((d) => d.protocol === scheme);
}

export interface RunDownloaderOptions {
  settings: Settings;
  /** TLS files given to the downloader as its first three arguments (empty when unset, as Helm does). */
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  env?: NodeJS.ProcessEnv;
  /** `$HELM_BIN` (default: the running helmts). */
  bin?: string;
  /** Where the downloader's stderr goes while it runs (default: this process's stderr). */
  stderr?: NodeJS.WritableStream | 'ignore';
}

/**
 * Runs `<plugin dir>/<command> [its args] certFile keyFile caFile URL` with the plugin
 * environment and resolves with what it wrote to stdout: the downloaded bytes.
 * A non-zero exit is an error carrying the end of its stderr.
 */
export async function runDownloader(
  downloader: Downloader,
  url: string,
  options: RunDownloaderOptions,
): Promise<Buffer> {
  const env = pluginEnvironment(downloader.plugin, options.settings, {
    pluginDirs: downloader.pluginDirs,
    bin: options.bin,
    env: options.env,
  });
  const [program, ...baseArgs] = expandEnv(downloader.command, env).split(' ');
  const executable = isAbsolute(program) ? program : join(downloader.plugin.dir, program);
  const args = [...baseArgs, options.certFile ?? '', options.keyFile ?? '', options.caFile ?? '', url];
  const name = downloader.plugin.manifest.name;
  return new Promise((resolve, reject) => {
    // loaded on use: the SDK reaches this module and child_process costs every command ~3 ms at start
    const { spawn } = process.getBuiltinModule('node:child_process');
    const child = spawn(executable, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderrTail = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
      if (options.stderr !== 'ignore') (options.stderr ?? process.stderr).write(chunk);
    });
    child.once('error', (error) =>
      reject(
        new HelmtsError(`downloader plugin "${name}": cannot run ${executable}: ${error.message}`, { cause: error }),
      ),
    );
    child.once('close', (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(chunks));
      const detail = stderrTail.trim().split('\n').pop();
      reject(
        new HelmtsError(
          `plugin "${downloader.command}" exited with error (${signal ?? `exit code ${code}`}) fetching ${url}${detail ? `: ${detail}` : ''}`,
        ),
      );
    });
  });
}

/** A getter for one URL scheme: the URL, plus the repository's TLS files, to the downloaded bytes. */
export type SchemeGetter = (
  url: string,
  tls: { certFile?: string; keyFile?: string; caFile?: string },
) => Promise<Uint8Array>;

/**
 * Helm 2's getter registry for the schemes installed downloader plugins claim (http and https
 * stay built in), in the shape `@helmts/repo`'s transport takes (`getters`). The plugin gets the
 * repository's cert, key and CA files as its first arguments, as Helm passes them.
 */
export async function downloaderGetters(
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, SchemeGetter>> {
  const getters: Record<string, SchemeGetter> = {};
  for (const downloader of await listDownloaders(settings, env)) {
    getters[downloader.protocol] = (url, tls) =>
      runDownloader(downloader, url, {
        settings,
        certFile: tls.certFile,
        keyFile: tls.keyFile,
        caFile: tls.caFile,
        env,
      });
  }
  return getters;
}
