// Who may read or change which release, under --authz=impersonate.
//
// A release record is a ConfigMap (or Secret) `<release>.v<revision>` in Tiller's namespace; a new
// name per revision makes RBAC on the records themselves impractical. The check used instead: a
// release is treated as if its records lived in the release's own namespace, as Helm 3 keeps
// them. To <verb> a release the caller must be allowed to <verb> the storage kind ("configmaps" or
// "secrets") in the release's namespace — or in Tiller's namespace, i.e. on the records themselves
// (an operator who can manage Tiller's store can manage every release).
//   read (status, content, history, watch)  → get
//   list                                    → list (releases of other namespaces are left out)
//   install                                 → create
//   upgrade, rollback, test                 → update
//   uninstall                               → delete
// The objects a release creates are checked separately, by the apiserver, through impersonation.
import { AccessReviewer, describeResource } from './access-review.js';
import type { Caller } from './caller.js';

export type ReleaseVerb = 'get' | 'list' | 'create' | 'update' | 'delete';

export class PermissionDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermissionDeniedError';
  }
}

function callerName(caller: Caller): string {
  return caller.user || 'system:anonymous';
}

export class ReleaseAuthorizer {
  constructor(
    private readonly reviewer: AccessReviewer,
    /** "configmaps" or "secrets": the kind Tiller's driver stores records as */
    readonly storageResource: string,
    readonly tillerNamespace: string,
  ) {}

  private async allowedIn(caller: Caller, verb: ReleaseVerb, namespace: string): Promise<boolean> {
    return (
      (await this.reviewer.allowed(caller, { verb, resource: this.storageResource, namespace })) ||
      (namespace !== this.tillerNamespace &&
        (await this.reviewer.allowed(caller, {
          verb,
          resource: this.storageResource,
          namespace: this.tillerNamespace,
        })))
    );
  }

  /** Throws PermissionDeniedError naming the permission that is missing. */
  async require(caller: Caller, verb: ReleaseVerb, release: string, namespace: string): Promise<void> {
    if (await this.allowedIn(caller, verb, namespace)) return;
    throw new PermissionDeniedError(
      `user "${callerName(caller)}" may not ${verb} release "${release}": that needs permission to ${verb} ` +
        `${describeResource({ verb, resource: this.storageResource })} in namespace "${namespace}" (the release's namespace) ` +
        `or in Tiller's namespace "${this.tillerNamespace}"`,
    );
  }

  /** The namespaces (of those given) whose releases the caller may list. */
  async listable(caller: Caller, namespaces: Iterable<string>): Promise<Set<string>> {
    const out = new Set<string>();
    if (
      await this.reviewer.allowed(caller, {
        verb: 'list',
        resource: this.storageResource,
        namespace: this.tillerNamespace,
      })
    )
      return new Set(namespaces);
    for (const ns of new Set(namespaces))
      if (await this.reviewer.allowed(caller, { verb: 'list', resource: this.storageResource, namespace: ns }))
        out.add(ns);
    return out;
  }
}
