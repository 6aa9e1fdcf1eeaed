/**
 * Which official plugin provides which top-level command. Used to tell a user who types
 * `helmts install` without @helmts/plugin-release exactly what to install, instead of guessing.
 */
export const OFFICIAL_PLUGIN_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  '@helmts/plugin-release': [
    'install',
    'upgrade',
    'rollback',
    'delete',
    'uninstall',
    'del',
    'status',
    'list',
    'ls',
    'history',
    'hist',
    'get',
    'test',
    'template',
    'diff',
    'init',
    'reset',
    'tiller',
  ],
  '@helmts/plugin-repo': [
    'repo',
    'search',
    'fetch',
    'pull',
    'push',
    'registry',
    'inspect',
    'serve',
    'dependency',
    'dep',
    'dependencies',
  ],
  '@helmts/plugin-create': ['create', 'lint', 'package', 'verify'],
};

/** The official plugin that provides `commandId` (its first word), if any. */
export function officialPluginFor(commandId: string): string | undefined {
  const first = commandId.split(/[ :]/)[0];
  for (const [plugin, commands] of Object.entries(OFFICIAL_PLUGIN_COMMANDS)) {
    if (commands.includes(first)) return plugin;
  }
  return undefined;
}
