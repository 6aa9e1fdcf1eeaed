import { existsSync } from 'node:fs';

import { Flags } from '../sdk/oclif.js';

import { HelmtsCommand } from '../sdk/command.js';
import { HelmtsError, UsageError } from '../sdk/errors.js';
import { ensureHomeLayout } from '../sdk/home.js';
import {
  INIT_REPOSITORIES_HOOK,
  type InitRepositoriesHookOptions,
  type InitRepositoriesHookResult,
} from '../sdk/init-repositories-hook.js';
import {
  INSTALL_TILLER_HOOK,
  type InstallTillerHookOptions,
  type InstallTillerHookResult,
  type TillerInstallRequest,
} from '../sdk/install-tiller-hook.js';

const RELEASE_PLUGIN = '@helmts/plugin-release';
const DEFAULT_LISTEN = '0.0.0.0:44134';
// Helm 2.17's defaults (@helmts/repo has the same; core does not load it).
const STABLE_REPOSITORY_URL = 'https://charts.helm.sh/stable';
/** Helm 2.17's --use-deprecated-stable-repository. */
const DEPRECATED_STABLE_REPOSITORY_URL = 'https://kubernetes-charts.storage.googleapis.com';
const LOCAL_REPOSITORY_URL = 'http://127.0.0.1:8879/charts';
// On the host network Tiller's port is the node's: loopback, reached through the port-forward.
const NET_HOST_LISTEN = '127.0.0.1:44134';

/** A plugin's error keeps its message, hint and exit code even when it comes from another copy of the SDK. */
function asHelmtsError(error: unknown): unknown {
  if (error instanceof HelmtsError || !(error instanceof Error)) return error;
  const { hint, exitCode } = error as Error & { hint?: unknown; exitCode?: unknown };
  if (typeof hint !== 'string' && typeof exitCode !== 'number') return error;
  return new HelmtsError(error.message, {
    hint: typeof hint === 'string' ? hint : undefined,
    exitCode: typeof exitCode === 'number' ? exitCode : 1,
    cause: error,
  });
}

export default class Init extends HelmtsCommand<typeof Init> {
  static override summary =
    'Set up HELMTS_HOME and install Tiller into the cluster (Tiller needs @helmts/plugin-release).';
  static override description = `Creates the HELMTS_HOME layout, with Helm 2's "stable" and "local" repositories when repositories.yaml is new (--skip-repos for none; an unreachable stable repository is added all the same, with a warning), then installs Tiller (ServiceAccount, RBAC, Deployment and Service "tiller-deploy") into --tiller-namespace. With --client-only only HELMTS_HOME is set up.

The RBAC is a Role and RoleBinding in the Tiller namespace by default (Tiller manages releases there); --cluster-wide binds a ClusterRole instead.
The default image is ghcr.io/helmts/tiller:v<version of @helmts/tiller>.`;

  static override examples = [
    '<%= config.bin %> init --client-only',
    '<%= config.bin %> init --client-only --stable-repo-url http://127.0.0.1:8080/charts',
    '<%= config.bin %> init --tiller-namespace tiller-world --history-max 200',
    '<%= config.bin %> init --dry-run -o yaml',
    '<%= config.bin %> init --upgrade --tiller-image ghcr.io/helmts/tiller:v0.2.0',
    '<%= config.bin %> init --cluster-wide --service-account tiller --wait',
  ];

  static override argumentErrors = { unexpected: 'This command does not accept arguments' };
  static override flags = {
    'client-only': Flags.boolean({ char: 'c', summary: 'If set, does not install Tiller.' }),
    'dry-run': Flags.boolean({ summary: 'Do not install anything (with --debug, print the manifests).' }),
    output: Flags.string({
      char: 'o',
      summary: "Print Tiller's manifests in this format instead of installing.",
      options: ['json', 'yaml'],
    }),
    'tiller-image': Flags.string({
      char: 'i',
      summary: 'Override the Tiller image (default ghcr.io/helmts/tiller:v<tiller version>).',
    }),
    'canary-image': Flags.boolean({
      summary: 'Use the canary Tiller image (tag "canary", always pulled).',
    }),
    upgrade: Flags.boolean({ summary: 'Upgrade Tiller if it is already installed.' }),
    'force-upgrade': Flags.boolean({ summary: 'Force the upgrade of Tiller, even to an older version.' }),
    wait: Flags.boolean({ summary: 'Block until Tiller is running and ready to receive requests.' }),
    'service-account': Flags.string({
      summary: 'Name of the service account Tiller runs as (default "tiller", created if missing).',
    }),
    'automount-service-account-token': Flags.boolean({
      summary: 'Mount the service account token into the Tiller pod.',
      default: true,
      allowNo: true,
    }),
    'history-max': Flags.integer({
      summary: 'Limit the maximum number of revisions saved per release (0 for no limit).',
      default: 0,
      min: 0,
    }),
    storage: Flags.string({
      summary: 'Release storage driver Tiller uses.',
      options: ['configmap', 'secret'],
      default: 'configmap',
    }),
    replicas: Flags.integer({ summary: 'Number of Tiller replicas.', default: 1, min: 1 }),
    listen: Flags.string({
      summary: `Address Tiller listens on inside its pod (default ${DEFAULT_LISTEN}; ${NET_HOST_LISTEN} with --net-host).`,
    }),
    'net-host': Flags.boolean({ summary: 'Run Tiller on the host network (hostNetwork: true).' }),
    'node-selectors': Flags.string({ summary: "Labels the Tiller pod's node must have (k=v,k2=v2)." }),
    override: Flags.string({
      summary: 'Override values of the Tiller Deployment (--set syntax, e.g. spec.replicas=2).',
      multiple: true,
    }),
    'cluster-wide': Flags.boolean({
      summary: 'Grant Tiller a ClusterRole (releases in any namespace) instead of a Role in its namespace.',
    }),
    'skip-refresh': Flags.boolean({ summary: 'Do not refresh (download) the local repository cache.' }),
    'skip-repos': Flags.boolean({ summary: 'Skip adding the stable and local repositories.' }),
    'stable-repo-url': Flags.string({
      summary: 'URL for the stable repository.',
      default: STABLE_REPOSITORY_URL,
      env: 'HELMTS_STABLE_REPO_URL',
    }),
    'local-repo-url': Flags.string({ summary: 'URL for the local repository.', default: LOCAL_REPOSITORY_URL }),
    'use-deprecated-stable-repository': Flags.boolean({
      summary: 'Use the old (googleapis) stable repository URL even though that URL is being shut down.',
    }),
    'tiller-tls': Flags.boolean({ summary: 'Install Tiller with TLS enabled.', helpGroup: 'TLS' }),
    'tiller-tls-verify': Flags.boolean({
      summary: 'Install Tiller with TLS enabled and client certificates verified.',
      helpGroup: 'TLS',
    }),
    'tiller-tls-cert': Flags.string({
      summary: 'Path to the TLS certificate file to install with Tiller.',
      helpGroup: 'TLS',
    }),
    'tiller-tls-key': Flags.string({ summary: 'Path to the TLS key file to install with Tiller.', helpGroup: 'TLS' }),
    'tls-ca-cert': Flags.string({
      summary: 'Path to the CA certificate Tiller verifies clients against.',
      helpGroup: 'TLS',
    }),
    'tiller-tls-hostname': Flags.string({
      summary: "The server name clients verify Tiller's certificate against (with --tls-gen, added to it).",
      helpGroup: 'TLS',
    }),
    'tls-gen': Flags.boolean({
      summary:
        "Generate a CA, Tiller's certificate and a client certificate in $HELMTS_HOME (0600) and install Tiller with mutual TLS.",
      helpGroup: 'TLS',
      exclusive: ['tiller-tls-cert', 'tiller-tls-key', 'tls-ca-cert'],
    }),
  };

  async run(): Promise<void> {
    const flags = this.flags;
    const clientOnly = flags['client-only'];
    if (flags['canary-image'] && flags['tiller-image'])
      throw new UsageError('--canary-image and --tiller-image choose the image both: give one');
    if (clientOnly && flags.output)
      throw new UsageError("--output prints Tiller's manifests; it cannot be combined with --client-only");
    if (!clientOnly && !this.tillerInstallerAvailable()) {
      throw new UsageError('installing Tiller needs the release plugin', {
        hint: `run "${this.config.bin} init --client-only" for the client only, or "${this.config.bin} plugins install ${RELEASE_PLUGIN}"`,
      });
    }

    // As Helm 2: printing or dry-running the manifests touches neither HELMTS_HOME nor the cluster.
    if (!clientOnly && (flags.output || flags['dry-run'])) {
      const { stdout } = await this.installTiller();
      if (flags.output || this.settings.debug) process.stdout.write(stdout);
      return;
    }
    if (flags['dry-run']) return;

    const result = await ensureHomeLayout(this.home, { repositoryFile: false });
    // Helm 2's lines, trailing space included.
    for (const dir of result.created) this.log(`Creating ${dir} `);
    if (!existsSync(this.home.repositoryFile)) {
      this.log(`Creating ${this.home.repositoryFile} `);
      if (flags['skip-repos']) await ensureHomeLayout(this.home);
      else await this.addDefaultRepositories();
    }
    this.log(`$HELM_HOME has been configured at ${this.home.root}.`);
    if (clientOnly) {
      this.log("Not installing Tiller due to 'client-only' flag having been set");
      return;
    }
    const { stdout } = await this.installTiller();
    process.stdout.write(stdout);
  }

  /** Helm 2's `stable` and `local`, added by the repository plugin (none: an empty list). */
  private async addDefaultRepositories(): Promise<void> {
    const answering = this.config
      .getPluginsList()
      .some((plugin) => (plugin.hooks?.[INIT_REPOSITORIES_HOOK] ?? []).length > 0);
    if (!answering) {
      await ensureHomeLayout(this.home);
      return;
    }
    const options: InitRepositoriesHookOptions = {
      paths: this.home,
      // Helm 2.17: the old URL wins over --stable-repo-url
      stableUrl: this.flags['use-deprecated-stable-repository']
        ? DEPRECATED_STABLE_REPOSITORY_URL
        : this.flags['stable-repo-url'],
      localUrl: this.flags['local-repo-url'],
      skipRefresh: this.flags['skip-refresh'],
    };
    const { successes, failures } = await this.config.runHook(
      INIT_REPOSITORIES_HOOK as never,
      options as never,
      undefined,
      true,
    );
    if (failures.length > 0) throw asHelmtsError(failures[0].error);
    const answer = successes
      .map((s) => s.result as InitRepositoriesHookResult | undefined)
      .find((r) => Array.isArray(r?.lines));
    for (const line of answer?.lines ?? []) this.log(line);
    if (answer?.warning) process.stderr.write(`WARNING: ${answer.warning}\n`);
  }

  private tillerInstallerAvailable(): boolean {
    return this.config.getPluginsList().some((plugin) => (plugin.hooks?.[INSTALL_TILLER_HOOK] ?? []).length > 0);
  }

  private request(): TillerInstallRequest {
    const f = this.flags;
    return {
      namespace: this.settings.tillerNamespace,
      image: f['tiller-image'],
      canary: f['canary-image'],
      serviceAccount: f['service-account'],
      automountServiceAccountToken: f['automount-service-account-token'],
      historyMax: f['history-max'],
      storage: f.storage as 'configmap' | 'secret',
      replicas: f.replicas,
      listen: f.listen ?? (f['net-host'] ? NET_HOST_LISTEN : DEFAULT_LISTEN),
      netHost: f['net-host'],
      nodeSelectors: f['node-selectors'],
      overrides: f.override ?? [],
      clusterWide: f['cluster-wide'],
      upgrade: f.upgrade || f['force-upgrade'],
      forceUpgrade: f['force-upgrade'],
      wait: f.wait,
      dryRun: f['dry-run'] || Boolean(f.output),
      output: f.output as 'json' | 'yaml' | undefined,
      tls: {
        enable: f['tiller-tls'] || f['tiller-tls-verify'],
        verify: f['tiller-tls-verify'],
        cert: f['tiller-tls-cert'],
        key: f['tiller-tls-key'],
        caCert: f['tls-ca-cert'],
        gen: f['tls-gen'],
        hostname: f['tiller-tls-hostname'],
      },
    };
  }

  private async installTiller(): Promise<InstallTillerHookResult> {
    const options: InstallTillerHookOptions = { settings: this.settings, request: this.request() };
    const { successes, failures } = await this.config.runHook(
      INSTALL_TILLER_HOOK as never,
      options as never,
      undefined,
      true,
    );
    if (failures.length > 0) throw asHelmtsError(failures[0].error);
    const answer = successes
      .map((s) => s.result as InstallTillerHookResult | undefined)
      .find((r) => typeof r?.stdout === 'string');
    if (!answer)
      throw new HelmtsError(`no plugin installed Tiller (the "${INSTALL_TILLER_HOOK}" hook gave no answer)`, {
        hint: `reinstall ${RELEASE_PLUGIN}`,
      });
    return answer;
  }
}
