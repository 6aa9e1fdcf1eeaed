// A KubeConfig that acts as the caller: every request it authenticates also carries
// Impersonate-User / Impersonate-Group, so the apiserver applies the caller's RBAC to it.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Caller } from './caller.js';

type Headers = Record<string, string | string[] | number | undefined>;

interface ApplyOptionsTarget {
  applyOptions(opts: { headers?: Headers }): Promise<void>;
  applySecurityAuthentication(context: RequestContextLike): Promise<void>;
}

interface RequestContextLike {
  setHeaderParam(key: string, value: string): void;
  getHeaders(): Record<string, string>;
}

/** The groups to send: the caller's, plus system:authenticated as the apiserver adds it to real requests. */
function impersonatedGroups(caller: Caller): string[] {
  const groups = new Set(caller.groups);
  groups.add('system:authenticated');
  return [...groups];
}

/**
 * A view of `base` (sharing its clusters, credentials and keep-alive agents through the prototype)
 * that adds impersonation headers. Both of client-node's paths are covered: `applyOptions` (raw
 * requests, lookups) and `applySecurityAuthentication` (generated API clients), whose plain header
 * object cannot repeat a header; there `getHeaders` returns name/value pairs, which node-fetch
 * accepts and sends as one header line per group.
 */
export function impersonatingKubeConfig(base: KubeConfig, caller: Caller): KubeConfig {
  const groups = impersonatedGroups(caller);
  const view = Object.create(base) as ApplyOptionsTarget;
  const proto = base as unknown as ApplyOptionsTarget;
  view.applyOptions = async function (opts) {
    await proto.applyOptions.call(this, opts);
    opts.headers ??= {};
    opts.headers['Impersonate-User'] = caller.user;
    opts.headers['Impersonate-Group'] = groups;
  };
  view.applySecurityAuthentication = async function (context) {
    await proto.applySecurityAuthentication.call(this, context);
    const plain = context.getHeaders();
    delete plain['Impersonate-Group'];
    plain['Impersonate-User'] = caller.user;
    context.getHeaders = () => [...Object.entries(plain), ...groups.map((g) => ['Impersonate-Group', g])] as never;
  };
  return view as unknown as KubeConfig;
}
