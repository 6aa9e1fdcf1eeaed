import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { parse, resolve } from 'node:path';

import { Flags, HelmtsCommand, HelmtsError, tillerTlsFlags, UsageError } from '@helmts/core';

export default class Reset extends HelmtsCommand<typeof Reset> {
  static override summary = 'Uninstall Tiller from the cluster.';
  static override argumentErrors = { unexpected: 'This command does not accept arguments' };
  static override description = `Deletes the Service and Deployment "tiller-deploy", the Secret "tiller-secret" and the ServiceAccount and RBAC objects "init" created, in --tiller-namespace. Release records are kept.

Refuses while releases are DEPLOYED (counted from Tiller's storage records, so no running Tiller is needed) unless --force.`;

  static override examples = [
    '<%= config.bin %> reset',
    '<%= config.bin %> reset --tiller-namespace tiller-world --force',
    '<%= config.bin %> reset --remove-helm-home',
  ];

  static override flags = {
    // Helm 2's reset takes its TLS flags (it asks Tiller for the releases); ours reads Tiller's
    // storage instead, so they are accepted, for Helm 2's command lines, and not needed
    ...tillerTlsFlags,
    force: Flags.boolean({ char: 'f', summary: 'Uninstall Tiller even if there are releases installed.' }),
    'remove-helm-home': Flags.boolean({ summary: 'Also remove HELMTS_HOME.' }),
  };

  async run(): Promise<void> {
    const { openCluster } = await import('../tiller-install/cluster-access.js');
    const { deployedReleaseNames } = await import('../tiller-install/deployed-releases.js');
    const { uninstallTiller } = await import('../tiller-install/uninstall-tiller.js');
    const namespace = this.settings.tillerNamespace;
    const cluster = await openCluster(this.settings);
    if (!this.flags.force) {
      const deployed = await deployedReleaseNames(cluster, namespace);
      if (deployed.length > 0) {
        throw new HelmtsError(
          `there are still ${deployed.length} deployed releases (Tip: use --force to remove Tiller. Releases will not be deleted.)`,
        );
      }
    }
    const deleted = await uninstallTiller(cluster, namespace);
    for (const object of deleted) this.logDebug(`deleted ${object} in ${namespace}`);
    if (this.flags['remove-helm-home']) await this.removeHome();
    if (deleted.length === 0) this.log(`Tiller is not installed in namespace "${namespace}"; nothing to uninstall.`);
    else this.log('Tiller (the Helm server-side component) has been uninstalled from your Kubernetes Cluster.');
  }

  private async removeHome(): Promise<void> {
    const root = resolve(this.home.root);
    // A HELMTS_HOME set by mistake to / or to the user's home must not be wiped.
    if (root === parse(root).root || root === resolve(homedir())) {
      throw new UsageError(`refusing to remove ${root} as HELMTS_HOME`, {
        hint: 'point --home/HELMTS_HOME at the helmts directory itself',
      });
    }
    this.log(`Deleting ${root}`);
    await rm(root, { recursive: true, force: true });
  }
}
