import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { formatReport, helm2Oracle, runParity } from '../src/parity/index.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Runs in CI (~2-4 min: the real helm's phase and helmts's run at once). It fails on any difference the
// table does not explain. PARITY_FILTER=word runs only the lines containing it (with the setup
// lines); PARITY_DUMP=file.json writes every line's masked outputs, to read a difference in full.
describe('Helm 2 parity: every command line of parity/helm2-command-lines.txt, helm v2.17 vs helmts @cluster', function () {
  this.timeout(900_000);

  it('prints "N/M command lines identical"; every difference is explained', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'helmts-parity-'));
    try {
      const report = await runParity({
        helm2Dir: helm2Oracle(),
        helmtsBin: here('../../core/bin/run.cjs'),
        tillerBin: here('../../tiller/dist/bin/tiller.js'),
        kubeconfig: process.env.KUBECONFIG as string,
        table: here('../parity/helm2-command-lines.txt'),
        charts: here('../parity/charts'),
        scratch,
        filter: process.env.PARITY_FILTER,
      });
      process.stdout.write(formatReport(report));
      // every line's masked outputs, to read what differs in full
      if (process.env.PARITY_DUMP) writeFileSync(process.env.PARITY_DUMP, JSON.stringify(report.results, null, 1));
      assert.ok(report.compared >= (process.env.PARITY_FILTER ? 1 : 150), `only ${report.compared} command lines`);
      assert.deepEqual(
        report.unexplained.map((r) => `line ${r.line.line}: ${r.line.command}`),
        [],
        'command lines whose output differs from Helm 2 with no explanation (see the report above)',
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
