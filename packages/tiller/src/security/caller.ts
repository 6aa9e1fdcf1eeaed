// Who is calling: the verified client certificate (CN = user, O = groups, as Kubernetes reads
// certificates) or a bearer token the client forwarded from its kubeconfig, checked with a
// TokenReview by the apiserver.
import { createHash } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import type { KubeClient } from '../kube/kube-client.js';

const AUTHORIZATION_HEADER = 'authorization';

export interface Caller {
  /** Kubernetes user name; '' when unknown */
  user: string;
  groups: string[];
  /** how the identity was learnt */
  via: 'certificate' | 'token' | 'none';
  /** the peer address gRPC reports */
  peer: string;
}

export class UnauthenticatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

interface CallLike {
  metadata: grpc.Metadata;
  getPeer(): string;
  getAuthContext?(): { sslPeerCertificate?: { subject?: Record<string, string | string[] | undefined> } } | null;
}

function values(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

interface TokenReviewAnswer {
  status?: { authenticated?: boolean; error?: string; user?: { username?: string; groups?: string[] } };
}

/** TokenReview with a short cache keyed by the token's hash (the token itself is not kept). */
export class TokenReviewer {
  private readonly cache = new Map<string, { at: number; user: string; groups: string[] }>();

  constructor(
    private readonly kube: KubeClient,
    private readonly ttlMs = 60_000,
  ) {}

  async review(token: string): Promise<{ user: string; groups: string[] }> {
    const key = createHash('sha256').update(token).digest('hex');
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit;
    let answer: TokenReviewAnswer;
    try {
      answer = (await this.kube.request('/apis/authentication.k8s.io/v1/tokenreviews', {
        method: 'POST',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } },
      })) as TokenReviewAnswer;
    } catch (e) {
      throw new UnauthenticatedError(`cannot verify the bearer token: TokenReview failed: ${(e as Error).message}`);
    }
    const user = answer.status?.user?.username;
    if (!answer.status?.authenticated || !user) {
      throw new UnauthenticatedError(
        `the bearer token was rejected by the apiserver${answer.status?.error ? `: ${answer.status.error}` : ''}`,
      );
    }
    const entry = { at: Date.now(), user, groups: answer.status.user?.groups ?? [] };
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(key, entry);
    return entry;
  }
}

/**
 * The caller of one RPC. A forwarded token wins over the certificate (it is the user's own
 * Kubernetes identity); the certificate is used only when Tiller verified it (`--tls-verify`).
 */
export async function identifyCaller(
  call: CallLike,
  options: { trustCertificate: boolean; tokens?: TokenReviewer },
): Promise<Caller> {
  const peer = call.getPeer();
  const auth = call.metadata.get(AUTHORIZATION_HEADER)[0];
  if (typeof auth === 'string' && auth !== '') {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw new UnauthenticatedError('the authorization metadata is not "Bearer <token>"');
    if (!options.tokens) throw new UnauthenticatedError('this Tiller cannot verify bearer tokens');
    const { user, groups } = await options.tokens.review(m[1]!);
    return { user, groups, via: 'token', peer };
  }
  if (options.trustCertificate) {
    const subject = call.getAuthContext?.()?.sslPeerCertificate?.subject;
    const cn = values(subject?.CN)[0];
    if (cn) return { user: cn, groups: values(subject?.O), via: 'certificate', peer };
  }
  return { user: '', groups: [], via: 'none', peer };
}
