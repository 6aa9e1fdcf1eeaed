/**
 * @helmts/plugin-repo: `repo add|list|remove|update|index`, `search`, `fetch` (`pull`), `push` (OCI), `registry login|logout`, `inspect [chart|values|readme]`, `serve`
 * and `dependency list|update|build` (`dep`). The commands are thin; the work is in @helmts/repo,
 * which each command loads only when it runs.
 */
import DependencyBuild from './commands/dependency/build.js';
import DependencyList from './commands/dependency/list.js';
import DependencyUpdate from './commands/dependency/update.js';
import Fetch from './commands/fetch.js';
import Inspect from './commands/inspect/index.js';
import InspectChart from './commands/inspect/chart.js';
import InspectReadme from './commands/inspect/readme.js';
import InspectValues from './commands/inspect/values.js';
import Push from './commands/push.js';
import RegistryLogin from './commands/registry/login.js';
import RegistryLogout from './commands/registry/logout.js';
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
  push: Push,
  'registry:login': RegistryLogin,
  'registry:logout': RegistryLogout,
  inspect: Inspect,
  'inspect:chart': InspectChart,
  'inspect:values': InspectValues,
  'inspect:readme': InspectReadme,
  serve: Serve,
  'dependency:list': DependencyList,
  'dependency:update': DependencyUpdate,
  'dependency:build': DependencyBuild,
};

/** The hooks oclif calls (package.json oclif.hooks names these exports of the bundle). */
export { default as hook_helmts_init_repositories } from './hooks/init-repositories.js';
