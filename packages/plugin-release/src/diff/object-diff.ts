import { createRequire } from 'node:module';

import { stringify } from 'yaml';

import { paint } from '@helmts/core';

import type { ManifestObject } from './manifest-objects.js';

type ChangeKind = 'added' | 'removed' | 'changed';

export interface ObjectChange {
  key: string;
  change: ChangeKind;
  /** Unified diff of the object's YAML (old → new). */
  diff: string;
}

// jsdiff (19 modules) loads on the first diff, not with every release command's bundle.
const requireLazily = createRequire(import.meta.url);
const jsdiff = () => requireLazily('diff') as typeof import('diff');

const toYamlText = (body: unknown) =>
  body === undefined ? '' : stringify(body, { sortMapEntries: true, lineWidth: 0 });

function unified(key: string, before: unknown, after: unknown, labels: [string, string]): string {
  const patch = jsdiff().createTwoFilesPatch(
    `${labels[0]} ${key}`,
    `${labels[1]} ${key}`,
    toYamlText(before),
    toYamlText(after),
    '',
    '',
    { context: 3 },
  );
  // The first line of jsdiff's patch is a "====" banner; unified diffs start at "---".
  return patch
    .split('\n')
    .filter((line) => !line.startsWith('===='))
    .join('\n');
}

/** Object-by-object differences between two sets (e.g. the stored release and a dry-run upgrade). */
export function diffObjectSets(
  before: Map<string, ManifestObject>,
  after: Map<string, ManifestObject | { key: string; body: unknown }>,
  labels: [string, string] = ['before', 'after'],
): ObjectChange[] {
  const changes: ObjectChange[] = [];
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const key of keys) {
    const a = before.get(key)?.body;
    const b = after.get(key)?.body;
    if (a === undefined) changes.push({ key, change: 'added', diff: unified(key, undefined, b, labels) });
    else if (b === undefined) changes.push({ key, change: 'removed', diff: unified(key, a, undefined, labels) });
    else if (toYamlText(a) !== toYamlText(b))
      changes.push({ key, change: 'changed', diff: unified(key, a, b, labels) });
  }
  return changes;
}

/** A unified diff coloured for a terminal (green additions, red removals), plain otherwise. */
export function formatChanges(changes: ObjectChange[], stream: NodeJS.WriteStream = process.stdout): string {
  if (changes.length === 0) return '';
  return changes
    .map((c) => {
      const header = paint(`${c.key} (${c.change})`, 'bold', stream);
      const body = c.diff
        .split('\n')
        .map((line) => {
          if (line.startsWith('+') && !line.startsWith('+++')) return paint(line, 'green', stream);
          if (line.startsWith('-') && !line.startsWith('---')) return paint(line, 'red', stream);
          if (line.startsWith('@@')) return paint(line, 'cyan', stream);
          return line;
        })
        .join('\n');
      return `${header}\n${body.trimEnd()}\n`;
    })
    .join('\n');
}
