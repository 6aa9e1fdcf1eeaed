import { delimiter, resolve } from 'node:path';

import { HelmHome } from '../sdk/home.js';
import { type Settings, settingsEnvironment } from '../sdk/settings.js';
import type { LegacyPlugin } from './manifest.js';

/** The helmts executable plugins should call back into (`$HELM_BIN`). */
function helmtsBin(argv: string[] = process.argv): string {
  return argv[1] ? resolve(argv[1]) : 'helmts';
}

/**
 * The environment of a plugin's command, hooks and downloaders: the caller's environment plus
 * what Helm 2 sets (plugin name and dir, HELM_BIN, HELM_HOME and the HELM_PATH_* locations,
 * TILLER_HOST/TILLER_NAMESPACE, HELM_DEBUG) and helmts's own names (HELMTS_HOME, HELM_HOST...).
 */
export function pluginEnvironment(
  plugin: LegacyPlugin,
  settings: Settings,
  options: { pluginDirs: string[]; bin?: string; env?: NodeJS.ProcessEnv },
): Record<string, string> {
  const home = new HelmHome(settings.home);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env ?? process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, settingsEnvironment(settings), {
    HELM_PLUGIN_NAME: plugin.manifest.name,
    HELM_PLUGIN_DIR: plugin.dir,
    HELM_BIN: options.bin ?? helmtsBin(),
    HELM_PLUGIN: options.pluginDirs.join(delimiter),
    HELM_HOME: home.root,
    HELM_PATH_REPOSITORY: home.repository,
    HELM_PATH_REPOSITORY_FILE: home.repositoryFile,
    HELM_PATH_CACHE: home.cache,
    HELM_PATH_LOCAL_REPOSITORY: home.localRepository,
    HELM_PATH_STARTER: home.starters,
    TILLER_HOST: settings.host ?? '',
    TILLER_NAMESPACE: settings.tillerNamespace,
  });
  if (settings.debug) env.HELM_DEBUG = '1';
  return env;
}

const isSpecialVariable = (c: string) => '*#$@!?-0123456789'.includes(c);
const isNameCharacter = (c: string) => /[A-Za-z0-9_]/.test(c);

/**
 * `$VAR` and `${VAR}` expansion with Go's os.ExpandEnv rules, which is what Helm applies to a
 * plugin's `command`: unset variables become empty, `$` before a non-name is kept, bad `${` is dropped.
 */
export function expandEnv(text: string, env: Record<string, string | undefined>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$' || i + 1 >= text.length) {
      out += c;
      i++;
      continue;
    }
    const rest = text.slice(i + 1);
    let name = '';
    let width = 0;
    if (rest[0] === '{') {
      if (rest.length > 2 && isSpecialVariable(rest[1]) && rest[2] === '}') {
        name = rest[1];
        width = 3;
      } else {
        const close = rest.indexOf('}');
        if (close === 1) width = 2;
        else if (close === -1) width = 1;
        else {
          name = rest.slice(1, close);
          width = close + 1;
        }
      }
    } else if (isSpecialVariable(rest[0])) {
      name = rest[0];
      width = 1;
    } else {
      while (width < rest.length && isNameCharacter(rest[width])) width++;
      name = rest.slice(0, width);
    }
    if (name) out += env[name] ?? '';
    else if (width === 0) out += '$';
    i += 1 + width;
  }
  return out;
}
