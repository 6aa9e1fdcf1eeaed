import { API_LIFECYCLES } from './kubernetes-api-lifecycles.js';

const atLeast = (version: [number, number], than: [number, number]) =>
  version[0] > than[0] || (version[0] === than[0] && version[1] >= than[1]);

/**
 * The deprecation warning for an object at `kubeVersion` (major, minor), as helm v4.1.4 words it
 * (k8s.io/apiserver's WarningMessage): deprecated there, removed or not. Only kinds client-go
 * registers can be deprecated (`kubernetes-api-lifecycles.ts`): a CustomResourceDefinition never is.
 */
export function deprecationOf(apiVersion: string, kind: string, kubeVersion: [number, number]): string | undefined {
  const lifecycle = API_LIFECYCLES[`${apiVersion} ${kind}`];
  if (lifecycle === undefined || !atLeast(kubeVersion, lifecycle.deprecated)) return undefined;
  const [dMajor, dMinor] = lifecycle.deprecated;
  const removed = lifecycle.removed ? `, unavailable in v${lifecycle.removed[0]}.${lifecycle.removed[1]}+` : '';
  const replacement = lifecycle.replacement ? `; use ${lifecycle.replacement}` : '';
  return `${apiVersion} ${kind} is deprecated in v${dMajor}.${dMinor}+${removed}${replacement}`;
}
