import { type Hook, type InitRepositoriesHookResult, type Interfaces } from '@helmts/core';

/**
 * Answers core's `helmts:init-repositories` event: `helmts init` (a core command) asks this plugin
 * to add Helm 2's `stable` and `local` repositories, since downloading and checking an index is
 * @helmts/repo's work. The library is imported only when the hook fires.
 */
interface InitRepositoriesHooks extends Interfaces.Hooks {
  'helmts:init-repositories': {
    // InitRepositoriesHookOptions, spelled out: oclif wants an object type, not an interface
    options: {
      paths: { repositoryFile: string; cache: string; archive: string; localRepository: string };
      stableUrl: string;
      localUrl: string;
      skipRefresh: boolean;
    };
    return: InitRepositoriesHookResult;
  };
}

const initRepositoriesHook: Hook<'helmts:init-repositories', InitRepositoriesHooks> = async function (options) {
  const { addDefaultRepositories } = await import('@helmts/repo');
  return addDefaultRepositories(options.paths, {
    stableUrl: options.stableUrl,
    localUrl: options.localUrl,
    skipRefresh: options.skipRefresh,
  });
};

export default initRepositoriesHook;
