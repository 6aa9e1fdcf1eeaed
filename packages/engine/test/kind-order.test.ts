import assert from 'node:assert/strict';

import { HELM2_INSTALL_ORDER, HELM2_UNINSTALL_ORDER, sortByKindThenName } from '../src/index.js';

interface Doc {
  kind: string;
  path: string;
  n: number;
}

const sort = (docs: Doc[], order: readonly string[]) =>
  sortByKindThenName(
    docs,
    (d) => d.kind,
    (d) => d.path,
    order,
  ).map((d) => `${d.kind}:${d.path}:${d.n}`);

describe("Helm 2's kind order (Tiller's apply and delete, helm2 template output)", () => {
  it('puts known kinds in order, then unknown kinds by kind, each kind by template path, ties as given', () => {
    const docs: Doc[] = [
      { kind: 'Widget', path: 'b.yaml', n: 1 },
      { kind: 'Deployment', path: 'z.yaml', n: 2 },
      { kind: 'Gadget', path: 'a.yaml', n: 3 },
      { kind: 'Service', path: 'x.yaml', n: 4 },
      { kind: 'Deployment', path: 'a.yaml', n: 5 },
      { kind: 'Namespace', path: 'n.yaml', n: 6 },
      { kind: 'Deployment', path: 'a.yaml', n: 7 },
      { kind: 'Widget', path: 'a.yaml', n: 8 },
    ];
    assert.deepEqual(sort(docs, HELM2_INSTALL_ORDER), [
      'Namespace:n.yaml:6',
      'Service:x.yaml:4',
      'Deployment:a.yaml:5',
      'Deployment:a.yaml:7',
      'Deployment:z.yaml:2',
      'Gadget:a.yaml:3',
      'Widget:a.yaml:8',
      'Widget:b.yaml:1',
    ]);
    // Uninstall: known kinds the other way round, unknown kinds still after them
    assert.deepEqual(sort(docs, HELM2_UNINSTALL_ORDER).slice(0, 5), [
      'Service:x.yaml:4',
      'Deployment:a.yaml:5',
      'Deployment:a.yaml:7',
      'Deployment:z.yaml:2',
      'Namespace:n.yaml:6',
    ]);
  });

  it("is Helm 2.17's install order reversed but for Service and DaemonSet (reference §5.2)", () => {
    const reversed = [...HELM2_INSTALL_ORDER].reverse();
    const moved = (list: string[]) => list.filter((k) => k !== 'Service' && k !== 'DaemonSet');
    assert.deepEqual(moved([...HELM2_UNINSTALL_ORDER]), moved(reversed));
    // Service right after Ingress; DaemonSet after Pod
    assert.deepEqual(HELM2_UNINSTALL_ORDER.slice(0, 3), ['APIService', 'Ingress', 'Service']);
    assert.equal(HELM2_UNINSTALL_ORDER.indexOf('DaemonSet'), HELM2_UNINSTALL_ORDER.indexOf('Pod') + 1);
    assert.equal(HELM2_UNINSTALL_ORDER.length, HELM2_INSTALL_ORDER.length);
  });
});
