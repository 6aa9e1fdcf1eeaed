import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';

import { compareVersionStringsDescending } from '@helmts/semver';
import { stringify } from 'yaml';

import { HELM2_SEMVER } from '../helm2-semver.js';
import type { ChartVersion } from './chart-version.js';
import { assertVersioned, readIndexFile, type IndexHeader } from './index-reader.js';
import { formatGoTime } from './go-time.js';

/** An index held in memory: for `repo index`, merging and small downloaded indexes. */
export class IndexFile {
  apiVersion = 'v1';
  generated: string = formatGoTime(new Date());
  entries = new Map<string, ChartVersion[]>();
  publicKeys: string[] = [];
  serverInfo?: unknown;
  annotations?: Record<string, string>;
  /** Entries skipped on load, as "chart: problem" lines. */
  problems: string[] = [];

  static async load(path: string): Promise<IndexFile> {
    const index = new IndexFile();
    const header = await readIndexFile(path, {
      entry: (name, version) => index.add(name, version),
      problem: (name, problem) => index.problems.push(`chart "${name}" ${problem}`),
    });
    assertVersioned(header);
    index.applyHeader(header);
    index.sortEntries();
    return index;
  }

  applyHeader(header: IndexHeader): void {
    if (header.apiVersion) this.apiVersion = header.apiVersion;
    if (header.generated) this.generated = header.generated;
    if (header.publicKeys) this.publicKeys = header.publicKeys;
    this.serverInfo = header.serverInfo;
    this.annotations = header.annotations;
  }

  add(name: string, version: ChartVersion): void {
    const list = this.entries.get(name);
    if (list) list.push(version);
    else this.entries.set(name, [version]);
  }

  has(name: string, version: string): boolean {
    return this.entries.get(name)?.some((v) => v.version === version) ?? false;
  }

  /** Adds every entry of `other` whose name+version this index lacks (this index's entries win). */
  merge(other: IndexFile): void {
    for (const [name, versions] of other.entries) {
      for (const v of versions) if (!this.has(name, v.version)) this.add(name, v);
    }
  }

  /** Each chart's versions, newest first (SemVer precedence; unparsable versions last). */
  sortEntries(): void {
    for (const list of this.entries.values())
      list.sort((a, b) => compareVersionStringsDescending(a.version, b.version, HELM2_SEMVER));
  }

  /**
   * Writes index.yaml as Helm does (keys sorted, sequences not indented under their key), chart
   * by chart to a temp file then renamed, so a reader never sees half a file.
   */
  async write(path: string): Promise<void> {
    this.sortEntries();
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    const out = createWriteStream(temp);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    try {
      const header: Record<string, unknown> = { apiVersion: this.apiVersion };
      if (this.annotations && Object.keys(this.annotations).length > 0) header.annotations = this.annotations;
      await write(stringifyYaml(header));
      const names = [...this.entries.keys()].sort();
      if (names.length === 0) await write('entries: {}\n');
      else await write('entries:\n');
      for (const name of names) {
        const chunk = stringifyYaml({ [name]: this.entries.get(name)!.map(toSerializable) });
        await write(indent(chunk, '  '));
      }
      const footer: Record<string, unknown> = { generated: this.generated };
      if (this.publicKeys.length > 0) footer.publicKeys = this.publicKeys;
      if (this.serverInfo) footer.serverInfo = this.serverInfo;
      await write(stringifyYaml(footer));
      out.end();
      await once(out, 'close');
      await rename(temp, path);
    } catch (error) {
      out.destroy();
      await rm(temp, { force: true });
      throw error;
    }
  }
}

/** Field order does not matter to readers; sorted keys and no `removed: false` match Helm's output. */
function toSerializable(version: ChartVersion): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(version)) {
    if (value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

function stringifyYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: true, indentSeq: false, lineWidth: 0 });
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n');
}
