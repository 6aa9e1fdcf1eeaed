/**
 * Migration preview (`helmts diff RELEASE --dialect helm3`): what would change, object by object,
 * if an installed release were rendered by the other dialect. Tiller renders the release's own
 * chart and values twice as dry-run upgrades, once per dialect (same revision, same flags), so
 * the only difference is the dialect: labels (`heritage: Tiller` → `Helm`), checksums of
 * included text, objects that appear or go. Hooks are compared too.
 */
import type { Release, UpdateReleaseResponse } from '@helmts/proto';

import { manifestObjects } from './manifest-objects.js';
import { diffObjectSets, type ObjectChange } from './object-diff.js';
import type { TillerConnection } from '../tiller/connection.js';

export type DialectName = 'helm2' | 'helm3';

/** The objects of a release render: its manifest and its hooks. */
function renderedObjects(release: Release | null | undefined) {
  const hooks = (release?.hooks ?? []).map((h) => `\n---\n# Source: ${h.path}\n${h.manifest}`).join('');
  return manifestObjects(`${release?.manifest ?? ''}${hooks}`);
}

async function renderWith(tiller: TillerConnection, current: Release, dialect: DialectName) {
  const request = {
    name: current.name,
    chart: current.chart,
    values: { raw: '' },
    dry_run: true,
    reuse_values: true,
  };
  const response = await tiller.call<typeof request, UpdateReleaseResponse>('UpdateRelease', request, { dialect });
  return renderedObjects(response.release);
}

export async function previewDialectMigration(
  tiller: TillerConnection,
  current: Release,
  to: DialectName,
): Promise<ObjectChange[]> {
  const from: DialectName = to === 'helm3' ? 'helm2' : 'helm3';
  // one after the other: each dry run takes the release's lock
  const before = await renderWith(tiller, current, from);
  const after = await renderWith(tiller, current, to);
  return diffObjectSets(before, after, [from, to]);
}
