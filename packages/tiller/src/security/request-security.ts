// Per-RPC security: who is calling, the context an action runs in for them (impersonating under
// --authz=impersonate), the release permission check, and the audit line.
import { KubeClient, type KubeClientOptions } from '../kube/kube-client.js';
import type { TillerContext } from '../tiller-context.js';
import { AccessReviewer } from './access-review.js';
import type { AuditEntry, AuditSink } from './audit-log.js';
import { identifyCaller, TokenReviewer, UnauthenticatedError, type Caller } from './caller.js';
import { impersonatingKubeConfig } from './impersonation.js';
import { ReleaseAuthorizer, type ReleaseVerb } from './release-authorizer.js';

export type AuthzMode = 'none' | 'impersonate';

export interface SecurityOptions {
  authz: AuthzMode;
  /** client certificates were verified by TLS (--tls-verify): their subject is an identity */
  trustCertificate: boolean;
  /** "configmaps" | "secrets" */
  storageResource: string;
  audit?: AuditSink;
  kube?: KubeClientOptions;
}

/** One RPC's caller and the context its actions run in. */
export interface RequestScope {
  caller: Caller;
  ctx: TillerContext;
  /** no-op under --authz=none */
  require(verb: ReleaseVerb, release: string, namespace: string): Promise<void>;
  /** the namespaces whose releases this caller may list (all under --authz=none) */
  listable(namespaces: Iterable<string>): Promise<Set<string>>;
}

type CallLike = Parameters<typeof identifyCaller>[0];

export class TillerSecurity {
  private readonly tokens: TokenReviewer;
  private readonly authorizer: ReleaseAuthorizer;
  private readonly scoped = new Map<string, TillerContext>();

  constructor(
    private readonly base: TillerContext,
    readonly options: SecurityOptions,
  ) {
    this.tokens = new TokenReviewer(base.kube);
    this.authorizer = new ReleaseAuthorizer(new AccessReviewer(base.kube), options.storageResource, base.namespace);
  }

  async open(call: CallLike): Promise<RequestScope> {
    const caller = await identifyCaller(call, { trustCertificate: this.options.trustCertificate, tokens: this.tokens });
    if (this.options.authz === 'none') {
      return { caller, ctx: this.base, require: async () => {}, listable: async (ns) => new Set(ns) };
    }
    if (!caller.user) {
      throw new UnauthenticatedError(
        'Tiller runs with --authz=impersonate and cannot tell who you are: connect with a client certificate ' +
          "(--tls-verify, issued by Tiller's CA) or with a kubeconfig whose user has a bearer token",
      );
    }
    return {
      caller,
      ctx: this.contextFor(caller),
      require: (verb, release, namespace) => this.authorizer.require(caller, verb, release, namespace),
      listable: (namespaces) => this.authorizer.listable(caller, namespaces),
    };
  }

  /** The base context with a Kubernetes client that impersonates the caller (one per identity). */
  private contextFor(caller: Caller): TillerContext {
    const key = JSON.stringify([caller.user, [...caller.groups].sort()]);
    let ctx = this.scoped.get(key);
    if (!ctx) {
      if (this.scoped.size >= 256) this.scoped.delete(this.scoped.keys().next().value!);
      ctx = {
        ...this.base,
        kube: new KubeClient(impersonatingKubeConfig(this.base.kube.kubeConfig, caller), this.options.kube),
      };
      this.scoped.set(key, ctx);
    }
    return ctx;
  }

  audit(
    entry: Omit<AuditEntry, 'user' | 'groups' | 'via' | 'peer'>,
    caller: Caller | undefined,
    call: { getPeer(): string },
  ): void {
    this.options.audit?.write({
      ...entry,
      user: caller?.user ?? '',
      groups: caller?.groups ?? [],
      via: caller?.via ?? 'none',
      peer: caller?.peer ?? safePeer(call),
    });
  }
}

function safePeer(call: { getPeer(): string }): string {
  try {
    return call.getPeer();
  } catch {
    return 'unknown';
  }
}
