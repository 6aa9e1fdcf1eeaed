// SubjectAccessReview: may this user do that? Asked with Tiller's own credentials.
import type { KubeClient } from '../kube/kube-client.js';
import type { Caller } from './caller.js';

export interface ResourceQuestion {
  verb: string;
  resource: string;
  group?: string;
  namespace?: string;
  name?: string;
}

export class AccessReviewer {
  private readonly cache = new Map<string, { at: number; allowed: boolean }>();

  constructor(
    private readonly kube: KubeClient,
    private readonly ttlMs = 5_000,
  ) {}

  async allowed(caller: Caller, q: ResourceQuestion): Promise<boolean> {
    const key = JSON.stringify([
      caller.user,
      caller.groups,
      q.verb,
      q.resource,
      q.group ?? '',
      q.namespace ?? '',
      q.name ?? '',
    ]);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.allowed;
    const answer = (await this.kube.request('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      method: 'POST',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          user: caller.user,
          groups: caller.groups,
          resourceAttributes: {
            verb: q.verb,
            resource: q.resource,
            group: q.group ?? '',
            namespace: q.namespace ?? '',
            name: q.name ?? '',
          },
        },
      },
    })) as { status?: { allowed?: boolean } };
    const allowed = answer.status?.allowed === true;
    // only grants are remembered (briefly): a RoleBinding added a moment ago must count at once
    if (allowed) {
      if (this.cache.size > 5000) this.cache.clear();
      this.cache.set(key, { at: Date.now(), allowed });
    }
    return allowed;
  }
}

/** `"deployments" in API group "apps"` / `"configmaps"` — the apiserver's own wording. */
export function describeResource(q: ResourceQuestion): string {
  return q.group ? `"${q.resource}" in API group "${q.group}"` : `"${q.resource}"`;
}
