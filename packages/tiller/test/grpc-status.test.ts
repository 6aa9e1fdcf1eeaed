// Which gRPC status and words a failure becomes, for apiserver answers that reach the RPC layer as
// they came (Tiller's own requests: "GET /api/…: HTTP N"): produced for real by the local apiserver,
// then wrapped as an action wraps them.
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { before, describe, it } from 'mocha';
import { KubeConfig } from '@kubernetes/client-node';
import { ensureCluster, kubeConfigFor } from '@helmts/testkit';
import { grpcStatusOf } from '../src/index.js';
import { OperationFailedError } from '../src/actions/action-errors.js';
import { kubeRequest } from '../src/kube/raw-request.js';

async function failureOf(call: () => Promise<unknown>): Promise<Error> {
  try {
    await call();
  } catch (e) {
    return e as Error;
  }
  throw new Error('the call succeeded');
}

describe('gRPC status of apiserver failures @cluster', () => {
  let admin: KubeConfig;
  before(async () => {
    admin = kubeConfigFor(await ensureCluster());
  });

  it("a 401 (Tiller's token no longer valid) is one line saying so", async () => {
    const revoked = new KubeConfig();
    const cluster = admin.getCurrentCluster()!;
    revoked.loadFromOptions({
      clusters: [cluster],
      users: [{ name: 'revoked', token: 'not-a-valid-token' }],
      contexts: [{ name: 'revoked', cluster: cluster.name, user: 'revoked' }],
      currentContext: 'revoked',
    });
    const err = await failureOf(() => kubeRequest(revoked, '/api/v1/namespaces/default/pods'));
    assert.equal(err.message, 'GET /api/v1/namespaces/default/pods: HTTP 401');
    const wrapped = new OperationFailedError(`release cut failed: ${err.message}`, undefined, err);
    const status = grpcStatusOf(wrapped);
    assert.equal(status.code, grpc.status.UNKNOWN);
    assert.equal(
      status.details,
      "release cut failed: the API server refused Tiller's credentials (Unauthorized); a ServiceAccount token ends with its pod",
    );
  });

  it('any other apiserver answer is its own message on one line', async () => {
    const err = await failureOf(() => kubeRequest(admin, '/api/v1/namespaces/default/configmaps/no-such-map'));
    const status = grpcStatusOf(new OperationFailedError(`release web failed: ${err.message}`, undefined, err));
    assert.equal(status.details, 'release web failed: configmaps "no-such-map" not found');
    assert.equal(grpcStatusOf(err).details, 'configmaps "no-such-map" not found');
    // an --atomic upgrade's outcome stays on its last line, for the client
    const atomic = new OperationFailedError(
      `release web failed: ${err.message}\n--atomic: rolled back to revision 3`,
      undefined,
      err,
    );
    assert.equal(
      grpcStatusOf(atomic).details,
      'release web failed: configmaps "no-such-map" not found\n--atomic: rolled back to revision 3',
    );
  });
});
