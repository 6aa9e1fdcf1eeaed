/**
 * @helmts/plugin-repo: `repo add|list|remove|update|index`, `search`, `fetch` (`pull`), `serve`
 * and `dependency list|update|build` (`dep`). The commands are thin; the work is in @helmts/repo,
 * which each command loads only when it runs.
 */
import DependencyBuild from './commands/dependency/build.js';
import DependencyList from './commands/dependency/list.js';
import DependencyUpdate from './commands/dependency/update.js';
import Fetch from './commands/fetch.js';
import RepoAdd from './commands/repo/add.js';
import RepoIndex from './commands/repo/index-directory.js';
import RepoList from './commands/repo/list.js';
import RepoRemove from './commands/repo/remove.js';
import RepoUpdate from './commands/repo/update.js';
import Search from './commands/search.js';
import Serve from './commands/serve.js';

/** The commands oclif registers (explicit strategy: `repo index` cannot be a file named index). */
export const COMMANDS = {
  'repo:add': RepoAdd,
  'repo:list': RepoList,
  'repo:remove': RepoRemove,
  'repo:update': RepoUpdate,
  'repo:index': RepoIndex,
  search: Search,
  fetch: Fetch,
  serve: Serve,
  'dependency:list': DependencyList,
  'dependency:update': DependencyUpdate,
  'dependency:build': DependencyBuild,
};
