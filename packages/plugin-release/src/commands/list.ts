import { Args, Flags, formatGoStructured } from '@helmts/core';
import type { ListReleasesResponse, Release } from '@helmts/proto';

import { LIST_HEADERS, listEntry, listRow } from '../format/release-tables.js';
import { latestRevisions } from '../latest-revisions.js';
import { ReleaseCommand } from '../release-command.js';

export default class List extends ReleaseCommand<typeof List> {
  static override summary = 'List releases.';
  static override description = 'By default only DEPLOYED and FAILED releases are shown, sorted by name (Helm 2).';
  static override aliases = ['ls'];
  static override examples = [
    '<%= config.bin %> list',
    '<%= config.bin %> list --all --namespace team-a',
    '<%= config.bin %> list "web-.*" -d -r --max 10',
    '<%= config.bin %> list --output json',
  ];
  // Helm 2 joins every argument into one filter (`list a b` matches "a b")
  static override strict = false;
  static override args = { filter: Args.string({ description: 'Regular expression the release names must match.' }) };
  static override flags = {
    short: Flags.boolean({ char: 'q', summary: 'Output short (quiet) listing format.' }),
    date: Flags.boolean({ char: 'd', summary: 'Sort by release date.' }),
    reverse: Flags.boolean({ char: 'r', summary: 'Reverse the sort order.' }),
    max: Flags.integer({ char: 'm', summary: 'Maximum number of releases to fetch.', default: 256 }),
    offset: Flags.string({
      char: 'o',
      summary: 'Next release name in the list, used to offset from start value.',
      default: '',
    }),
    all: Flags.boolean({ char: 'a', summary: 'Show all releases, not just DEPLOYED and FAILED.' }),
    deleted: Flags.boolean({ summary: 'Show deleted releases.' }),
    deleting: Flags.boolean({ summary: 'Show releases that are currently being deleted.' }),
    deployed: Flags.boolean({ summary: 'Show deployed releases.' }),
    failed: Flags.boolean({ summary: 'Show failed releases.' }),
    pending: Flags.boolean({ summary: 'Show pending releases.' }),
    namespace: Flags.string({ summary: 'Show releases within a specific namespace.', default: '' }),
    'col-width': Flags.integer({ summary: 'Specifies the max column width of output.', default: 60 }),
    output: Flags.string({
      summary: 'Output the specified format (json or yaml).',
      options: ['table', 'json', 'yaml'],
      default: 'table',
    }),
    'chart-name': Flags.boolean({ char: 'c', summary: 'Sort by chart name.' }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const codes: string[] = [];
    if (f.all)
      codes.push(
        'UNKNOWN',
        'DEPLOYED',
        'DELETED',
        'DELETING',
        'FAILED',
        'PENDING_INSTALL',
        'PENDING_UPGRADE',
        'PENDING_ROLLBACK',
      );
    else {
      if (f.deployed) codes.push('DEPLOYED');
      if (f.deleted) codes.push('DELETED');
      if (f.deleting) codes.push('DELETING');
      if (f.failed) codes.push('FAILED');
      if (f.pending) codes.push('PENDING_INSTALL', 'PENDING_UPGRADE', 'PENDING_ROLLBACK');
      if (codes.length === 0) codes.push('DEPLOYED', 'FAILED');
    }
    const request = {
      limit: f.max,
      offset: f.offset,
      sort_by: f.date ? 'LAST_RELEASED' : f['chart-name'] ? 'CHART_NAME' : 'NAME',
      sort_order: f.reverse ? 'DESC' : 'ASC',
      filter: ((await this.parse(List)).argv as string[]).join(' '),
      status_codes: codes,
      namespace: f.namespace,
    };
    const pages = await this.withTiller((tiller) =>
      tiller.collect<typeof request, ListReleasesResponse>('ListReleases', request),
    );
    const releases: Release[] = latestRevisions(pages.flatMap((p) => p.releases));
    const next = pages.at(-1)?.next ?? '';
    if (f.short) {
      for (const r of releases) this.log(r.name);
      return;
    }
    // no releases: nothing at all, in every format (Helm 2 returns before formatting)
    if (releases.length === 0) return;
    if (f.output === 'json' || f.output === 'yaml') {
      // Helm 2's listResult and listRelease structs, as Go marshals them
      const result = {
        Next: next,
        Releases: releases.map((r) => {
          const e = listEntry(r);
          return {
            Name: e.name,
            Revision: e.revision,
            Updated: e.updated,
            Status: e.status,
            Chart: e.chart,
            AppVersion: e.appVersion,
            Namespace: e.namespace,
          };
        }),
      };
      process.stdout.write(formatGoStructured(result, f.output));
      return;
    }
    if (next) this.log(`\tnext: ${next}`);
    this.printOutput('table', releases, (rows) => ({
      headers: LIST_HEADERS,
      rows: rows.map((r) => listRow(r)),
      options: { maxColWidth: f['col-width'] },
    }));
  }
}
