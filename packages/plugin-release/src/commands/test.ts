import { Args, Flags, HelmtsError, needsArguments } from '@helmts/core';
import type { TestReleaseResponse } from '@helmts/proto';

import { ReleaseCommand } from '../release-command.js';

export default class Test extends ReleaseCommand<typeof Test> {
  static override summary = 'Test a release.';
  static override description =
    "Runs the release's test hooks (helm.sh/hook: test-success / test-failure) and streams their results.";
  static override examples = ['<%= config.bin %> test web', '<%= config.bin %> test web --cleanup --timeout 120'];
  static override argumentErrors = needsArguments('release name');
  static override args = { release: Args.string({ required: true, description: 'Release name.' }) };
  static override flags = {
    timeout: Flags.integer({
      summary: 'Time in seconds to wait for any individual Kubernetes operation.',
      default: 300,
    }),
    cleanup: Flags.boolean({ summary: 'Delete test pods upon completion.' }),
    parallel: Flags.boolean({ summary: 'Run test pods in parallel.' }),
    max: Flags.integer({ summary: 'Maximum number of test pods to run in parallel.', default: 20 }),
    logs: Flags.boolean({ summary: 'Dump the logs from test pods.' }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const request = {
      name: this.args.release,
      timeout: f.timeout,
      cleanup: f.cleanup,
      parallel: f.parallel,
      max_parallel: f.max,
      logs: f.logs,
    };
    const results = await this.withTiller((t) =>
      t.collect<typeof request, TestReleaseResponse>('RunReleaseTest', request),
    );
    let failed = 0;
    for (const r of results) {
      if (r.msg) this.log(r.msg);
      if (String(r.status) === 'FAILURE') failed++;
    }
    // Helm 2's words (the status command shows the suite)
    if (failed > 0) throw new HelmtsError(`${failed} test(s) failed`);
  }
}
