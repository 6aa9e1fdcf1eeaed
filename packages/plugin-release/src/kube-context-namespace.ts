import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

import { parse } from 'yaml';

import type { Settings } from '@helmts/core';

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: { name?: string; context?: { namespace?: string } }[];
}

/**
 * The namespace of the kubeconfig context in use (Helm 2's default for --namespace), else
 * "default". Read with a plain YAML parse: loading the Kubernetes client for one field would
 * cost half a second of start-up. KUBECONFIG lists are merged as kubectl does: first file wins.
 */
export function contextNamespace(settings: Settings): string {
  const paths = settings.kubeconfig
    ? settings.kubeconfig.split(delimiter).filter(Boolean)
    : [join(homedir(), '.kube', 'config')];
  const files: KubeconfigFile[] = [];
  for (const path of paths) {
    try {
      files.push((parse(readFileSync(path, 'utf8')) ?? {}) as KubeconfigFile);
    } catch {
      // A missing or unreadable kubeconfig is the Kubernetes client's error to report, later.
    }
  }
  const current = settings.kubeContext ?? files.map((f) => f['current-context']).find(Boolean);
  if (!current) return 'default';
  for (const file of files) {
    const context = file.contexts?.find((c) => c.name === current);
    if (context) return context.context?.namespace || 'default';
  }
  return 'default';
}
