import { Args, Flags, needsArguments } from '@helmts/core';
import type { RollbackReleaseResponse } from '@helmts/proto';

import { progressFlag } from '../progress/progress-flag.js';
import { progressMode, withOperationProgress } from '../progress/watch-operation.js';
import { ReleaseCommand } from '../release-command.js';

export default class Rollback extends ReleaseCommand<typeof Rollback> {
  static override summary = 'Roll back a release to a previous revision.';
  static override description =
    'A rollback creates a new revision with the old chart and values. Revision 0 (or none) means the previous one.';
  static override examples = ['<%= config.bin %> rollback web 2', '<%= config.bin %> rollback web --wait'];
  // Helm 2 needs both; helmts also takes the release alone (the previous revision)
  static override argumentErrors = needsArguments('release name', 'revision number');
  static override args = {
    release: Args.string({ required: true, description: 'Release name.' }),
    revision: Args.integer({ description: 'Revision to roll back to (default: the previous one).', default: 0 }),
  };
  static override flags = {
    'dry-run': Flags.boolean({ summary: 'Simulate a rollback.' }),
    'recreate-pods': Flags.boolean({ summary: 'Performs pods restart for the resource if applicable.' }),
    force: Flags.boolean({ summary: 'Force resource update through delete/recreate if needed.' }),
    'no-hooks': Flags.boolean({ summary: 'Prevent hooks from running during rollback.' }),
    timeout: Flags.integer({
      summary: 'Time in seconds to wait for any individual Kubernetes operation.',
      default: 300,
    }),
    wait: Flags.boolean({ summary: 'Wait until all resources are ready before marking the release successful.' }),
    description: Flags.string({ summary: 'Specify a description for the release.', default: '' }),
    'cleanup-on-fail': Flags.boolean({
      summary: 'Allow deletion of new resources created in this rollback when it fails.',
    }),
    progress: progressFlag,
  };

  async run(): Promise<void> {
    const f = this.flags;
    const request = {
      name: this.args.release,
      version: this.args.revision,
      dry_run: f['dry-run'],
      recreate: f['recreate-pods'],
      force: f.force,
      disable_hooks: f['no-hooks'],
      timeout: f.timeout,
      wait: f.wait,
      description: f.description,
      cleanup_on_fail: f['cleanup-on-fail'],
    };
    await this.withTiller((t) =>
      withOperationProgress(t, this.args.release, progressMode(f.progress, undefined), (operationId) =>
        t.call<typeof request, RollbackReleaseResponse>('RollbackRelease', request, {
          deadlineSeconds: f.timeout * 4 + 30,
          operationId,
        }),
      ),
    );
    this.log('Rollback was a success.');
  }
}
