import { Args, Flags } from '@helmts/core';
import type { UninstallReleaseResponse } from '@helmts/proto';

import { progressFlag } from '../progress/progress-flag.js';
import { progressMode, withOperationProgress } from '../progress/watch-operation.js';
import { ReleaseCommand } from '../release-command.js';
import { getReleaseContent } from '../release-content.js';

export default class Delete extends ReleaseCommand<typeof Delete> {
  static override summary = 'Given a release name, delete the release from Kubernetes.';
  static override description =
    'Without --purge the release history is kept (status DELETED) and its name stays taken.';
  static override aliases = ['del', 'uninstall'];
  static override strict = false;
  static override examples = ['<%= config.bin %> delete web', '<%= config.bin %> delete web api --purge'];
  static override argumentErrors = { missing: "command 'delete' requires a release name" };
  static override args = { release: Args.string({ required: true, description: 'Release name(s).' }) };
  static override flags = {
    'dry-run': Flags.boolean({ summary: 'Simulate a delete.' }),
    'no-hooks': Flags.boolean({ summary: 'Prevent hooks from running during deletion.' }),
    purge: Flags.boolean({ summary: 'Remove the release from the store and make its name free for later use.' }),
    timeout: Flags.integer({
      summary: 'Time in seconds to wait for any individual Kubernetes operation.',
      default: 300,
    }),
    description: Flags.string({ summary: 'Specify a description for the release.', default: '' }),
    progress: progressFlag,
  };

  async run(): Promise<void> {
    const { argv } = await this.parse(Delete);
    const names = argv as string[];
    await this.withTiller(async (tiller) => {
      for (const name of names) {
        if (this.flags['dry-run']) {
          // Helm 2's client only checks that the release exists (its error if not), then says the same
          await getReleaseContent(tiller, name);
          this.log(`release "${name}" deleted`);
          continue;
        }
        const request = {
          name,
          disable_hooks: this.flags['no-hooks'],
          purge: this.flags.purge,
          timeout: this.flags.timeout,
          description: this.flags.description,
        };
        const response = await withOperationProgress(
          tiller,
          name,
          progressMode(this.flags.progress, undefined),
          (operationId) =>
            tiller.call<typeof request, UninstallReleaseResponse>('UninstallRelease', request, {
              deadlineSeconds: this.flags.timeout + 30,
              operationId,
            }),
        );
        if (response.info) this.log(response.info);
        this.log(`release "${name}" deleted`);
      }
    });
  }
}
