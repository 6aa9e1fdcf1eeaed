// Full release lifecycle through the gRPC server on the real apiserver.
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { ApiextensionsV1Api } from '@kubernetes/client-node';
import { after, before, describe, it } from 'mocha';
import type {
  GetHistoryResponse,
  GetReleaseContentResponse,
  GetReleaseStatusResponse,
  InstallReleaseResponse,
  ListReleasesResponse,
  RollbackReleaseResponse,
  UninstallReleaseResponse,
  UpdateReleaseResponse,
} from '@helmts/proto';
import { OPERATION_ID_HEADER } from '@helmts/proto';
import { call, collect, makeChart, startFixture, type TillerFixture } from './tiller-fixture.js';

const templates = {
  'templates/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  greeting: {{ .Values.greeting | printf "%q" }}\n  revision: "{{ .Release.Revision }}"\n',
  'templates/extra.yaml':
    '{{ if .Values.extra }}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra\ndata:\n  a: b\n{{ end }}',
  'templates/svc.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\nspec:\n  ports:\n  - port: 80\n',
  'templates/NOTES.txt': 'Thanks for installing {{ .Release.Name }}.',
};
const chart = makeChart(templates, 'greeting: hello\nextra: true\n');

describe('release lifecycle over gRPC @cluster', function () {
  this.timeout(120_000);
  let f: TillerFixture;
  before(async () => {
    f = await startFixture();
  });
  after(async () => f?.close());

  const cm = (name: string) => f.core.readNamespacedConfigMap({ name, namespace: f.releaseNs });
  const exists = (name: string) =>
    cm(name).then(
      () => true,
      () => false,
    );
  const history = async (name: string) =>
    (await call<unknown, GetHistoryResponse>(f.client, 'GetHistory', { name, max: 256 })).releases.map(
      (r) => `${r.version}:${r.info?.status?.code}`,
    );

  it("GetVersion answers with Tiller's version", async () => {
    const res = await call<unknown, { Version: { sem_ver: string } }>(f.client, 'GetVersion', {});
    assert.equal(res.Version.sem_ver, 'v2.17.0');
  });

  it('install → upgrade (value change, removed object) → rollback → history → delete → purge', async () => {
    const name = 'life';
    const md = new grpc.Metadata();
    md.set(OPERATION_ID_HEADER, 'op-install-1');
    const watch = collect(f.client.WatchOperation({ operation_id: 'op-install-1', release: '' }));
    const inst = await call<unknown, InstallReleaseResponse>(
      f.client,
      'InstallRelease',
      { chart, name, namespace: f.releaseNs },
      md,
    );
    assert.equal(inst.release?.info?.status?.code, 'DEPLOYED');
    assert.equal(inst.release?.info?.Description, 'Install complete');
    assert.equal(inst.release?.info?.status?.notes, 'Thanks for installing life.');
    assert.match(inst.release!.manifest, /^\n---\n# Source: demo\/templates\/cm.yaml\n/);
    const live = await cm('life-cfg');
    assert.equal(live.data?.greeting, 'hello');
    assert.ok(
      live.metadata?.managedFields?.some((m) => m.manager === 'tiller' && m.operation === 'Apply'),
      'applied server-side by tiller',
    );
    assert.ok(await exists('life-extra'));
    const events = await watch;
    assert.equal(events[0]?.phase?.phase, 'STARTED');
    assert.ok(events.some((e) => e.resource?.action === 'CREATED' && e.resource.name === 'life-svc'));
    assert.equal(events.at(-1)?.result?.success, true);
    assert.deepEqual(
      events.map((e) => e.sequence),
      events.map((_, i) => i + 1),
    );

    // the stored record is a Helm 2 ConfigMap in Tiller's namespace
    const rec = await f.core.readNamespacedConfigMap({ name: 'life.v1', namespace: f.tillerNs });
    assert.equal(rec.metadata?.labels?.STATUS, 'DEPLOYED');
    assert.equal(rec.metadata?.labels?.OWNER, 'TILLER');

    const up = await call<unknown, UpdateReleaseResponse>(f.client, 'UpdateRelease', {
      name,
      chart,
      values: { raw: 'greeting: bye\nextra: false\n' },
    });
    assert.equal(up.release?.version, 2);
    assert.equal(up.release?.info?.Description, 'Upgrade complete');
    assert.equal((await cm('life-cfg')).data?.greeting, 'bye');
    assert.equal((await cm('life-cfg')).data?.revision, '2');
    assert.equal(await exists('life-extra'), false, 'object removed from the chart is deleted');
    assert.deepEqual(await history(name), ['2:DEPLOYED', '1:SUPERSEDED']);

    // default values behaviour: empty new values reuse the old ones (§3.3)
    const content = await call<unknown, GetReleaseContentResponse>(f.client, 'GetReleaseContent', { name, version: 0 });
    assert.equal(content.release?.config?.raw, 'greeting: bye\nextra: false\n');

    const rb = await call<unknown, RollbackReleaseResponse>(f.client, 'RollbackRelease', { name, version: 1 });
    assert.equal(rb.release?.version, 3);
    assert.equal(rb.release?.info?.Description, 'Rollback to 1');
    assert.equal((await cm('life-cfg')).data?.greeting, 'hello');
    assert.ok(await exists('life-extra'), 'rollback recreates the object');
    assert.deepEqual(await history(name), ['3:DEPLOYED', '2:SUPERSEDED', '1:SUPERSEDED']);
    const limited = await call<unknown, GetHistoryResponse>(f.client, 'GetHistory', { name, max: 2 });
    assert.deepEqual(
      limited.releases.map((r) => r.version),
      [3, 2],
    );

    const st = await call<unknown, GetReleaseStatusResponse>(f.client, 'GetReleaseStatus', { name, version: 0 });
    assert.equal(st.namespace, f.releaseNs);
    // kubectl's columns, from the server's Table, aligned as kubectl's printer (padding 3); sections in key order
    const listing = st.info!.status!.resources.replace(/\b\d+s\n/g, '<AGE>\n');
    assert.ok(listing.includes('==> v1/ConfigMap\nNAME       DATA   AGE\nlife-cfg   2      <AGE>\n'), listing);
    assert.match(
      listing,
      /==> v1\/Service\nNAME {7}TYPE {8}CLUSTER-IP +EXTERNAL-IP {3}PORT\(S\) +AGE\nlife-svc {3}ClusterIP {3}/,
    );
    assert.ok(st.info!.status!.resources.indexOf('v1/ConfigMap') < st.info!.status!.resources.indexOf('v1/Service'));

    const del = await call<unknown, UninstallReleaseResponse>(f.client, 'UninstallRelease', { name });
    assert.equal(del.release?.info?.status?.code, 'DELETED');
    assert.equal(await exists('life-cfg'), false);
    assert.deepEqual(await history(name), ['3:DELETED', '2:SUPERSEDED', '1:SUPERSEDED']);
    const deleted = await collect(f.client.ListReleases({ status_codes: ['DELETED'] }));
    assert.deepEqual(
      deleted.flatMap((p: ListReleasesResponse) => p.releases.map((r) => r.name)),
      ['life'],
    );
    await assert.rejects(call(f.client, 'UninstallRelease', { name }), (e: grpc.ServiceError) =>
      /already deleted/.test(e.details),
    );

    await call(f.client, 'UninstallRelease', { name, purge: true });
    await assert.rejects(
      call(f.client, 'GetHistory', { name }),
      (e: grpc.ServiceError) => e.code === grpc.status.NOT_FOUND,
    );
    const left = await f.core.listNamespacedConfigMap({ namespace: f.tillerNs, labelSelector: 'NAME=life' });
    assert.equal(left.items.length, 0);
  });

  it('maps errors to gRPC codes', async () => {
    await assert.rejects(
      call(f.client, 'GetReleaseStatus', { name: 'nope' }),
      (e: grpc.ServiceError) => e.code === grpc.status.NOT_FOUND,
    );
    await assert.rejects(
      call(f.client, 'InstallRelease', { name: 'x', namespace: f.releaseNs }),
      (e: grpc.ServiceError) => e.code === grpc.status.INVALID_ARGUMENT && /no chart provided/.test(e.details),
    );
    const bad = makeChart({ 'templates/a.yaml': '{{ .Values.x' });
    await assert.rejects(
      call(f.client, 'InstallRelease', { chart: bad, name: 'bad', namespace: f.releaseNs }),
      (e: grpc.ServiceError) => e.code === grpc.status.INVALID_ARGUMENT,
    );
    await call(f.client, 'InstallRelease', { chart, name: 'dup', namespace: f.releaseNs });
    await assert.rejects(
      call(f.client, 'InstallRelease', { chart, name: 'dup', namespace: f.releaseNs }),
      (e: grpc.ServiceError) => e.code === grpc.status.ALREADY_EXISTS,
    );
    await assert.rejects(
      call(f.client, 'UpdateRelease', { name: 'Bad Name!', chart }),
      (e: grpc.ServiceError) => e.code === grpc.status.INVALID_ARGUMENT,
    );
  });

  it("sends objects as the chart wrote them: a CRD schema's x-kubernetes-* fields, YAML 1.1 octal, fields of any name", async () => {
    const group = `${f.releaseNs}.example.com`;
    const written = makeChart({
      'templates/crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${group}
spec:
  group: ${group}
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
`,
      // 0640 is octal in YAML 1.1 (Helm): 416; read as YAML 1.2 it is 640, which the API server refuses (> 0777)
      'templates/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-modes\n  annotations:\n    at: 2024-01-02\nstringData:\n  mode: "0640"\n',
      'templates/pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-modes
spec:
  schedulingGates:
  - name: example.com/never
  containers:
  - name: c
    image: localhost/helmts/busybox:1.35.0
  volumes:
  - name: s
    secret:
      secretName: {{ .Release.Name }}-modes
      defaultMode: 0640
`,
    });
    await call(f.client, 'InstallRelease', { chart: written, name: 'written', namespace: f.releaseNs });
    try {
      const crd = (
        await f.kc.makeApiClient(ApiextensionsV1Api).readCustomResourceDefinition({ name: `widgets.${group}` })
      ).spec.versions[0]?.schema?.openAPIV3Schema;
      // (client-node's model names the field x_kubernetes_preserve_unknown_fields)
      assert.equal(crd?.x_kubernetes_preserve_unknown_fields, true);
      const pod = await f.core.readNamespacedPod({ name: 'written-modes', namespace: f.releaseNs });
      assert.equal(pod.spec?.volumes?.[0]?.secret?.defaultMode, 0o640);
      // a timestamp stays the text it was (an annotation must be a string)
      const secret = await f.core.readNamespacedSecret({ name: 'written-modes', namespace: f.releaseNs });
      assert.equal(secret.metadata?.annotations?.at, '2024-01-02');
      // a field no model knows reaches the API server, which refuses it as Helm's validation does
      const unknown = makeChart({
        'templates/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\nnotAField: 1\n',
      });
      await assert.rejects(
        call(f.client, 'InstallRelease', { chart: unknown, name: 'unknown-field', namespace: f.releaseNs }),
        (e: grpc.ServiceError) => /notAField/.test(e.details),
      );
    } finally {
      await call(f.client, 'UninstallRelease', { name: 'written', purge: true });
      await call(f.client, 'UninstallRelease', { name: 'unknown-field', purge: true }).catch(() => undefined);
    }
  });

  it('many objects of one kind: a clash stops the install before any is created; status rows and MISSING; upgrade restores', async () => {
    // 6 ConfigMaps: their existence and their status rows are read with one list each, not 6 GETs
    const many = makeChart(
      Object.fromEntries(
        Array.from({ length: 6 }, (_, i) => [
          `templates/cm${i}.yaml`,
          `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-m${i}\ndata:\n  i: "${i}"\n`,
        ]),
      ),
    );
    await f.core.createNamespacedConfigMap({ namespace: f.releaseNs, body: { metadata: { name: 'clash-m4' } } });
    await assert.rejects(
      call(f.client, 'InstallRelease', { chart: many, name: 'clash', namespace: f.releaseNs }),
      (e: grpc.ServiceError) => /ConfigMap "clash-m4" already exists/.test(e.details),
    );
    for (const i of [0, 1, 2, 3, 5]) assert.equal(await exists(`clash-m${i}`), false, `clash-m${i} not created`);

    await call(f.client, 'InstallRelease', { chart: many, name: 'many', namespace: f.releaseNs });
    await f.core.deleteNamespacedConfigMap({ name: 'many-m2', namespace: f.releaseNs });
    const st = await call<unknown, GetReleaseStatusResponse>(f.client, 'GetReleaseStatus', {
      name: 'many',
      version: 0,
    });
    // each object through its own tabwriter, as Helm 2's Tiller: the header aligns with the first row only
    assert.equal(
      st.info!.status!.resources.replace(/\b\d+s\n/g, '<AGE>\n'),
      '==> v1/ConfigMap\nNAME      DATA   AGE\nmany-m0   1      <AGE>\nmany-m1   1   <AGE>\nmany-m3   1   <AGE>\n' +
        'many-m4   1   <AGE>\nmany-m5   1   <AGE>\n\n==> MISSING\nKIND\t\tNAME\n/v1, Resource=configmaps\t\tmany-m2\n',
    );
    // the unrelated ConfigMap in the namespace is not among the rows
    assert.doesNotMatch(st.info!.status!.resources, /clash-m4/);
    await call(f.client, 'UpdateRelease', { name: 'many', chart: many });
    assert.equal(await exists('many-m2'), true, 'upgrade creates the missing object again');
  });

  it("status: each workload's pods come from one list of the namespace, and only the pods its selector picks", async () => {
    // four Deployments without replicas; their pods are made here, held by a scheduling gate (never run)
    const workloads = [
      ['one', 'web'],
      ['two', 'db'],
      ['three', 'web'],
      ['four', 'web'],
    ];
    const workloadChart = makeChart(
      Object.fromEntries(
        workloads.map(([app, tier]) => [
          `templates/${app}.yaml`,
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-${app}\nspec:\n  replicas: 0\n` +
            `  selector:\n    matchLabels: {app: ${app}, tier: ${tier}}\n  template:\n    metadata:\n      labels: {app: ${app}, tier: ${tier}}\n` +
            `    spec:\n      containers:\n      - name: c\n        image: localhost/helmts/pause:1.0\n`,
        ]),
      ),
    );
    const pod = (name: string, labels: Record<string, string>) =>
      f.core.createNamespacedPod({
        namespace: f.releaseNs,
        body: {
          metadata: { name, labels },
          spec: {
            schedulingGates: [{ name: 'helmts.test/held' }],
            containers: [{ name: 'c', image: 'localhost/helmts/pause:1.0' }],
          },
        },
      });
    await pod('p-one', { app: 'one', tier: 'web' });
    await pod('p-two', { app: 'two', tier: 'db' });
    await pod('p-four', { app: 'four', tier: 'web', extra: 'x' });
    // within the one list's `app in (…),tier in (…)`, yet no workload's selector picks it
    await pod('p-cross', { app: 'one', tier: 'db' });
    await call(f.client, 'InstallRelease', { chart: workloadChart, name: 'pods', namespace: f.releaseNs });
    // the pod lists Tiller asks the API server for while it answers the status
    const kube = f.tiller.context.kube;
    const request = kube.request.bind(kube);
    const podLists: string[] = [];
    kube.request = (path, init) => {
      if (path.includes('/pods?')) podLists.push(decodeURIComponent(path.slice(path.indexOf('?') + 1)));
      return request(path, init);
    };
    let st: GetReleaseStatusResponse;
    try {
      st = await call<unknown, GetReleaseStatusResponse>(f.client, 'GetReleaseStatus', { name: 'pods', version: 0 });
    } finally {
      kube.request = request;
    }
    assert.deepEqual(podLists, ['labelSelector=app in (four,one,three,two),tier in (db,web)']);
    const related = /==> v1\/Pod\(related\)\n([^]*?)\n\n/.exec(st.info!.status!.resources)?.[1];
    assert.ok(related, st.info!.status!.resources);
    assert.deepEqual(
      related.split('\n').map((line) => line.split(/\s+/)[0]),
      ['NAME', 'p-four', 'p-one', 'p-two'],
    );
    assert.match(st.info!.status!.resources, /==> v1\/Deployment\nNAME +READY/);
  });

  it('generates a name, dry-runs without storing, and replaces a deleted release', async () => {
    const dry = await call<unknown, InstallReleaseResponse>(f.client, 'InstallRelease', {
      chart,
      namespace: f.releaseNs,
      dry_run: true,
    });
    assert.match(dry.release!.name, /^[a-z]+-[a-z]+$/);
    assert.equal(dry.release?.info?.Description, 'Dry run complete');
    await assert.rejects(
      call(f.client, 'GetHistory', { name: dry.release!.name }),
      (e: grpc.ServiceError) => e.code === grpc.status.NOT_FOUND,
    );

    await call(f.client, 'InstallRelease', { chart, name: 'again', namespace: f.releaseNs });
    await call(f.client, 'UninstallRelease', { name: 'again' });
    const re = await call<unknown, InstallReleaseResponse>(f.client, 'InstallRelease', {
      chart,
      name: 'again',
      namespace: f.releaseNs,
      reuse_name: true,
    });
    assert.equal(re.release?.version, 2);
    assert.deepEqual(await history('again'), ['2:DEPLOYED', '1:SUPERSEDED']);
  });

  it('renders subcharts with their own values scope, global values and the parent overriding defaults', async () => {
    const sub = makeChart(
      {
        'templates/sub.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\ndata:\n  color: {{ .Values.color | printf "%q" }}\n  size: {{ .Values.size | printf "%q" }}\n  env: {{ .Values.global.env | printf "%q" }}\n',
      },
      'color: red\nsize: small\n',
      'sub',
    );
    const parent = makeChart(
      {
        'templates/p.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-parent\ndata:\n  env: {{ .Values.global.env | printf "%q" }}\n',
      },
      'global:\n  env: prod\nsub:\n  color: blue\n',
      'parent',
    );
    parent.dependencies = [sub];
    const res = await call<unknown, InstallReleaseResponse>(f.client, 'InstallRelease', {
      chart: parent,
      name: 'nested',
      namespace: f.releaseNs,
      dry_run: true,
      values: { raw: 'sub:\n  size: large\n' },
    });
    const m = res.release!.manifest;
    assert.match(
      m,
      /# Source: parent\/charts\/sub\/templates\/sub.yaml\n[^]*color: "blue"\n {2}size: "large"\n {2}env: "prod"/,
    );
    assert.match(m, /name: nested-parent\ndata:\n {2}env: "prod"/);
  });

  it('renders as Helm 2.17.0 by default, as Helm v4.1.4 with the x-helmts-dialect header', async () => {
    const dc = makeChart(
      {
        'templates/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dialect-cm\n  labels:\n    heritage: {{ .Release.Service }}\ndata:\n  m: |\n{{ toYaml .Values.m | indent 4 }}\n  tiller: {{ .Capabilities.TillerVersion.SemVer | quote }}\n',
      },
      'm:\n  a: 1\n',
    );
    const helm2 = await call<unknown, InstallReleaseResponse>(f.client, 'InstallRelease', {
      chart: dc,
      name: 'dialect2',
      namespace: f.releaseNs,
      dry_run: true,
    });
    assert.match(helm2.release!.manifest, /heritage: Tiller\ndata:\n {2}m: \|\n {4}a: 1\n {4}\n {2}tiller: "v2.17.0"/);
    const metadata = new grpc.Metadata();
    metadata.set('x-helmts-dialect', 'helm3');
    await assert.rejects(
      call(
        f.client,
        'InstallRelease',
        { chart: dc, name: 'dialect3', namespace: f.releaseNs, dry_run: true },
        metadata,
      ),
      /can't evaluate field TillerVersion/,
    );
    const bad = new grpc.Metadata();
    bad.set('x-helmts-dialect', 'helm1');
    await assert.rejects(
      call(f.client, 'InstallRelease', { chart: dc, name: 'dialect1', namespace: f.releaseNs, dry_run: true }, bad),
      /INVALID_ARGUMENT: unknown render dialect "helm1"/,
    );
  });

  it('lookup in templates reads the live cluster (helm3 dialect; Helm 2 had no lookup)', async () => {
    await f.core.createNamespace({ body: { metadata: { name: f.releaseNs } } }).catch(() => {});
    await f.core.createNamespacedConfigMap({
      namespace: f.releaseNs,
      body: { metadata: { name: 'existing' }, data: { x: '42' } },
    });
    const lk = makeChart({
      'templates/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lk-cm\ndata:\n  found: {{ (lookup "v1" "ConfigMap" .Release.Namespace "existing").data.x | printf "%q" }}\n  missing: "{{ if lookup "v1" "ConfigMap" .Release.Namespace "none" }}yes{{ else }}no{{ end }}"\n  listed: "{{ len (lookup "v1" "ConfigMap" .Release.Namespace "").items }}"\n',
    });
    await assert.rejects(
      call(f.client, 'InstallRelease', { chart: lk, name: 'lk', namespace: f.releaseNs, dry_run: true }),
      /function "lookup" not defined/,
    );
    const helm3 = new grpc.Metadata();
    helm3.set('x-helmts-dialect', 'helm3');
    const res = await call<unknown, InstallReleaseResponse>(
      f.client,
      'InstallRelease',
      { chart: lk, name: 'lk', namespace: f.releaseNs, dry_run: true },
      helm3,
    );
    assert.match(res.release!.manifest, /found: "42"/);
    assert.match(res.release!.manifest, /missing: "no"/);
    assert.match(res.release!.manifest, /listed: "[1-9]\d*"/);
  });

  it('lists with Helm 2 filters, sort, offset and limit', async () => {
    for (const n of ['lst-c', 'lst-a', 'lst-b'])
      await call(f.client, 'InstallRelease', { chart, name: n, namespace: f.releaseNs });
    const pages = await collect(f.client.ListReleases({ filter: '^lst-', sort_by: 'NAME', limit: 2 }));
    assert.deepEqual(
      pages[0]!.releases.map((r) => r.name),
      ['lst-a', 'lst-b'],
    );
    assert.equal(pages[0]!.next, 'lst-c');
    assert.equal(pages[0]!.total, 3);
    const next = await collect(f.client.ListReleases({ filter: '^lst-', sort_by: 'NAME', offset: 'lst-c' }));
    assert.deepEqual(
      next[0]!.releases.map((r) => r.name),
      ['lst-c'],
    );
    await assert.rejects(
      collect(f.client.ListReleases({ filter: '^lst-', offset: 'json' })),
      (e: { details?: string }) => e.details === 'offset "json" not found',
    );
    const desc = await collect(f.client.ListReleases({ filter: '^lst-', sort_by: 'NAME', sort_order: 'DESC' }));
    assert.deepEqual(
      desc[0]!.releases.map((r) => r.name),
      ['lst-c', 'lst-b', 'lst-a'],
    );
  });
});
