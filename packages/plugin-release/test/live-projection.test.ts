import assert from 'node:assert/strict';

import { mergesLists, projectLive } from '../src/diff/live-projection.js';

// A bare Pod as a chart writes it, and as the API server returns it: defaults, status, and the
// service account token volume (with its mount) that admission adds to every Pod.
const desired = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'p' }, finalizers: ['example.com/keep'] },
  spec: {
    containers: [
      {
        name: 'main',
        image: 'busybox:1.35.0',
        args: ['sleep', '3600'],
        env: [{ name: 'A', value: '1' }],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
        ports: [{ containerPort: 8080 }],
      },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
  },
};
const live = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'p',
    uid: 'u',
    labels: { app: 'p', added: 'by-hand' },
    finalizers: ['example.com/other', 'example.com/keep'],
  },
  spec: {
    containers: [
      {
        name: 'main',
        image: 'busybox:1.35.0',
        args: ['sleep', '3600'],
        env: [{ name: 'A', value: '1' }],
        imagePullPolicy: 'IfNotPresent',
        volumeMounts: [
          { name: 'data', mountPath: '/data' },
          { name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
        ],
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
      },
    ],
    volumes: [
      { name: 'data', emptyDir: {} },
      { name: 'kube-api-access-x7k2p', projected: { sources: [] } },
    ],
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }],
  },
  status: { phase: 'Running' },
};

describe('projectLive: the live object as far as the manifest speaks for it', () => {
  it('an unchanged bare Pod projects to its manifest (the injected token volume and mount are not drift)', () => {
    assert.deepEqual(projectLive(desired, live, true), desired);
  });

  it('lists merged by key are matched on it, not by position, and keep the manifest order', () => {
    const moved = structuredClone(live);
    moved.spec.volumes.reverse();
    moved.spec.containers.unshift({ name: 'sidecar', image: 'x' } as never);
    moved.spec.containers[1].image = 'busybox:1.36.0';
    const projected = projectLive(desired, moved, true) as typeof desired;
    assert.deepEqual(projected.spec.volumes, desired.spec.volumes);
    assert.equal(projected.spec.containers.length, 1);
    assert.equal(projected.spec.containers[0].image, 'busybox:1.36.0');
  });

  it('an item of a keyed list that is gone shows as missing; a changed one as changed', () => {
    const gone = structuredClone(live);
    gone.spec.containers[0].env = [{ name: 'A', value: '2' }];
    gone.spec.volumes = gone.spec.volumes.filter((v) => v.name !== 'data');
    const projected = projectLive(desired, gone, true) as typeof desired;
    assert.deepEqual(projected.spec.volumes, []);
    assert.deepEqual(projected.spec.containers[0].env, [{ name: 'A', value: '2' }]);
  });

  it('other lists are compared whole: an item added to args is drift', () => {
    const added = structuredClone(live);
    added.spec.containers[0].args.push('--verbose');
    const projected = projectLive(desired, added, true) as typeof desired;
    assert.deepEqual(projected.spec.containers[0].args, ['sleep', '3600', '--verbose']);
  });

  it("finalizers merge as a set: another controller's is not drift, a removed one is", () => {
    const projected = projectLive(desired, live, true) as typeof desired;
    assert.deepEqual(projected.metadata.finalizers, ['example.com/keep']);
    const removed = structuredClone(live);
    removed.metadata.finalizers = ['example.com/other'];
    assert.deepEqual((projectLive(desired, removed, true) as typeof desired).metadata.finalizers, []);
  });

  it("a Service's ports merge on port", () => {
    const service = { spec: { ports: [{ name: 'http', port: 80 }] } };
    const running = {
      spec: {
        ports: [
          { name: 'metrics', port: 9090 },
          { name: 'http', port: 80, protocol: 'TCP' },
        ],
      },
    };
    assert.deepEqual(projectLive(service, running, true), service);
  });

  it("a custom resource's lists are replaced whole by a merge patch, so they are compared whole", () => {
    assert.equal(mergesLists('example.com/v1'), false);
    for (const apiVersion of ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1'])
      assert.equal(mergesLists(apiVersion), true, apiVersion);
    const projected = projectLive(desired, live, false) as typeof desired;
    assert.equal(projected.spec.volumes.length, 2);
  });
});
