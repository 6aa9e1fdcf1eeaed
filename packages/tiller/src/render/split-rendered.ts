// Rendered files → release manifest + hooks + notes (reference §8.7, §4.2).
import type { HookInput } from '@helmts/proto';
import { HELM2_INSTALL_ORDER, sortByKindThenName } from '@helmts/engine';
import { readYamlDocument } from '@helmts/engine/manifest-objects';

export class ManifestParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestParseError';
  }
}

const HOOK_ANNOTATION = 'helm.sh/hook';
const HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
const HOOK_DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';
const HOOK_DELETE_TIMEOUT_ANNOTATION = 'helm.sh/hook-delete-timeout';
export const RESOURCE_POLICY_ANNOTATION = 'helm.sh/resource-policy';

const HOOK_EVENTS: Record<string, string> = {
  'pre-install': 'PRE_INSTALL',
  'post-install': 'POST_INSTALL',
  'pre-delete': 'PRE_DELETE',
  'post-delete': 'POST_DELETE',
  'pre-upgrade': 'PRE_UPGRADE',
  'post-upgrade': 'POST_UPGRADE',
  'pre-rollback': 'PRE_ROLLBACK',
  'post-rollback': 'POST_ROLLBACK',
  'test-success': 'RELEASE_TEST_SUCCESS',
  'test-failure': 'RELEASE_TEST_FAILURE',
  'crd-install': 'CRD_INSTALL',
};

const DELETE_POLICIES: Record<string, string> = {
  'hook-succeeded': 'SUCCEEDED',
  'hook-failed': 'FAILED',
  'before-hook-creation': 'BEFORE_HOOK_CREATION',
};

interface ManifestDoc {
  path: string;
  content: string;
  kind: string;
  name: string;
}

export interface SplitRelease {
  /** the release manifest: `\n---\n# Source: <path>\n<doc>` per resource, in install order */
  manifest: string;
  hooks: HookInput[];
  notes: string;
}

interface DocHead {
  kind?: unknown;
  metadata?: { name?: unknown; annotations?: Record<string, unknown> | null } | null;
}

function isNotes(path: string): boolean {
  return path.endsWith('/NOTES.txt');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Splits one rendered file as Helm 2 does: `(?:^|\s*\n)---\s*` on the trimmed text. */
function splitDocuments(text: string): string[] {
  return text
    .trim()
    .split(/(?:^|\s*\n)---\s*/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
}

function atoi(s: unknown): number {
  if (typeof s !== 'string' || !/^[+-]?\d+$/.test(s.trim())) return 0;
  return Number(s.trim());
}

/**
 * `files` is path → rendered text. `rootChartName` picks the root NOTES.txt (subchart notes only
 * with `subNotes`).
 */
export function splitRendered(files: Map<string, string>, rootChartName: string, subNotes = false): SplitRelease {
  const notes: string[] = [];
  const resources: ManifestDoc[] = [];
  const hooks: HookInput[] = [];
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    const text = files.get(path) ?? '';
    if (isNotes(path)) {
      if (path === `${rootChartName}/templates/NOTES.txt` || subNotes) notes.push(text);
      continue;
    }
    if (baseName(path).startsWith('_') || text.trim() === '') continue;
    for (const doc of splitDocuments(text)) {
      let head: DocHead | null;
      try {
        head = readYamlDocument(doc) as DocHead | null;
      } catch (e) {
        throw new ManifestParseError(`YAML parse error on ${path}: ${(e as Error).message}`);
      }
      const kind = typeof head?.kind === 'string' ? head.kind : '';
      const name = typeof head?.metadata?.name === 'string' ? head.metadata.name : '';
      const annotations = head?.metadata?.annotations ?? null;
      const hookValue = annotations?.[HOOK_ANNOTATION];
      if (annotations === null || hookValue === undefined) {
        resources.push({ path, content: doc, kind, name });
        continue;
      }
      const events: string[] = [];
      let unknownEvent = false;
      for (const raw of String(hookValue ?? '').split(',')) {
        const ev = HOOK_EVENTS[raw.trim().toLowerCase()];
        if (ev === undefined) unknownEvent = true;
        else events.push(ev);
      }
      if (unknownEvent) continue; // Helm 2 drops the whole document (quirk, §4.2)
      const policies: string[] = [];
      const policyValue = annotations[HOOK_DELETE_POLICY_ANNOTATION];
      if (typeof policyValue === 'string') {
        for (const raw of policyValue.split(',')) {
          const p = DELETE_POLICIES[raw.trim().toLowerCase()];
          if (p !== undefined) policies.push(p);
        }
      }
      const timeoutValue = annotations[HOOK_DELETE_TIMEOUT_ANNOTATION];
      hooks.push({
        name,
        kind,
        path,
        manifest: doc,
        events: events as HookInput['events'],
        weight: atoi(annotations[HOOK_WEIGHT_ANNOTATION]),
        delete_policies: policies as HookInput['delete_policies'],
        delete_timeout: policies.length === 0 ? 0 : timeoutValue === undefined ? 60 : atoi(timeoutValue),
      });
    }
  }
  const sorted = sortByKindThenName(
    resources,
    (d) => d.kind,
    (d) => d.path,
    HELM2_INSTALL_ORDER,
  );
  const manifest = sorted.map((d) => `\n---\n# Source: ${d.path}\n${d.content}`).join('');
  return { manifest, hooks, notes: notes.join('\n') };
}
