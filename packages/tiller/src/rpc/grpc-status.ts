// Which gRPC status a failure becomes: Helm 2 clients branch on the code, people read the details.
import * as grpc from '@grpc/grpc-js';
import {
  ReleaseExistsError,
  ReleaseNotFoundError,
  StorageConflictError,
  NoDeployedReleaseError,
  NoRevisionError,
} from '../storage/index.js';
import { KubeRequestTimeoutError } from '../kube/api-call.js';
import { ReleaseBusyError } from '../operations/release-lock.js';
import { InvalidArgumentError, OperationFailedError, ReleaseNameInUseError } from '../actions/action-errors.js';
import { InvalidValuesError } from '../render/chart-values.js';
import { ChartRenderError } from '../render/render-chart.js';
import { ManifestParseError } from '../render/split-rendered.js';
import { WaitTimeoutError } from '../kube/resource-set.js';
import { HookFailedError } from '../kube/hooks.js';
import { kubeMessage, statusCodeOf } from '../kube/kube-errors.js';
import { KubeApiError } from '../kube/raw-request.js';
import { UnauthenticatedError } from '../security/caller.js';
import { PermissionDeniedError } from '../security/release-authorizer.js';

export interface GrpcStatus {
  code: grpc.status;
  details: string;
}

/** Refused by the RPC layer itself (incompatible client, shutting down), with its own code. */
export class RpcRefusedError extends Error {
  constructor(
    message: string,
    readonly code: grpc.status,
  ) {
    super(message);
    this.name = 'RpcRefusedError';
  }
}

export class ReadTimeoutError extends Error {
  constructor(method: string, ms: number) {
    super(`${method} did not finish within ${ms} ms`);
    this.name = 'ReadTimeoutError';
  }
}

/** Maps an action failure to a gRPC status. */
export function grpcStatusOf(err: unknown): GrpcStatus {
  const details = (err as Error)?.message ?? String(err);
  if (err instanceof RpcRefusedError) return { code: err.code, details };
  const cause = err instanceof OperationFailedError ? err.cause : undefined;
  const e = cause ?? err;
  if (e instanceof ReleaseBusyError || (err instanceof InvalidArgumentError && /in progress/.test(details)))
    return { code: grpc.status.FAILED_PRECONDITION, details };
  if (e instanceof ReleaseNotFoundError || e instanceof NoRevisionError || e instanceof NoDeployedReleaseError)
    return { code: grpc.status.NOT_FOUND, details };
  if (e instanceof ReleaseExistsError || e instanceof ReleaseNameInUseError)
    return { code: grpc.status.ALREADY_EXISTS, details };
  if (
    e instanceof InvalidArgumentError ||
    e instanceof InvalidValuesError ||
    e instanceof ChartRenderError ||
    e instanceof ManifestParseError
  )
    return { code: grpc.status.INVALID_ARGUMENT, details };
  if (e instanceof WaitTimeoutError || e instanceof KubeRequestTimeoutError)
    return { code: grpc.status.DEADLINE_EXCEEDED, details };
  if (e instanceof StorageConflictError) return { code: grpc.status.ABORTED, details };
  if (e instanceof HookFailedError) return { code: grpc.status.UNKNOWN, details };
  if (e instanceof UnauthenticatedError) return { code: grpc.status.UNAUTHENTICATED, details };
  if (e instanceof PermissionDeniedError) return { code: grpc.status.PERMISSION_DENIED, details };
  // An apiserver answer that reached here as it came (Tiller's KubeApiError, "GET /api/…: HTTP N", or
  // client-node's exception, "HTTP-Code: N\nMessage: …\nBody: …", from a watch), and any refusal of
  // something done as the caller (--authz=impersonate): the apiserver's own words, on one line. A 401 is
  // Tiller's own credentials refused: a ServiceAccount token stops working when its pod is deleted, so
  // an operation caught by that says so.
  const apiCode = statusCodeOf(e);
  const asItCame = e instanceof KubeApiError || /HTTP-Code: \d+/.test(details);
  if (apiCode === 403 || (apiCode !== undefined && apiCode >= 400 && asItCame)) {
    const words =
      apiCode === 401
        ? `the API server refused Tiller's credentials (${kubeMessage(e)}); a ServiceAccount token ends with its pod`
        : kubeMessage(e);
    // what --atomic did stays on its own last line (the client reads it: actions/upgrade.ts)
    const atomic = /\n--atomic: (?:rolled back to revision \d+|rollback failed: .*)$/.exec(details)?.[0] ?? '';
    return {
      code: apiCode === 403 ? grpc.status.PERMISSION_DENIED : grpc.status.UNKNOWN,
      details:
        err instanceof OperationFailedError
          ? `${details.split('\n')[0]!.replace(/:? ?(?:HTTP-Code: \d+|[A-Z]+ \/\S*: HTTP \d+)$/, '')}: ${words}${atomic}`
          : words,
    };
  }
  if (e instanceof ReadTimeoutError) return { code: grpc.status.DEADLINE_EXCEEDED, details };
  return { code: grpc.status.UNKNOWN, details };
}

/** The error a handler hands to grpc-js for a status. */
export function grpcError(st: GrpcStatus): Error & GrpcStatus {
  return Object.assign(new Error(st.details), st);
}
