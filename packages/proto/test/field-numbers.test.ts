// Every hapi message, field for field, against Helm 2's numbering (reference §1.3–1.6): a renumbered
// or renamed field would silently break compatibility with real helm clients and stored records.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { releaseMessageType } from '../src/index.js';

const HELM2: Record<string, string> = {
  'hapi.services.tiller.ListReleasesRequest':
    'limit:1 offset:2 sort_by:3 filter:4 sort_order:5 status_codes:6 namespace:7',
  'hapi.services.tiller.ListReleasesResponse': 'count:1 next:2 total:3 releases:4',
  'hapi.services.tiller.GetReleaseStatusRequest': 'name:1 version:2',
  'hapi.services.tiller.GetReleaseStatusResponse': 'name:1 info:2 namespace:3',
  'hapi.services.tiller.GetReleaseContentRequest': 'name:1 version:2',
  'hapi.services.tiller.GetReleaseContentResponse': 'release:1',
  'hapi.services.tiller.UpdateReleaseRequest':
    'name:1 chart:2 values:3 dry_run:4 disable_hooks:5 recreate:6 timeout:7 reset_values:8 wait:9 reuse_values:10 force:11 description:12 subNotes:13 cleanup_on_fail:14',
  'hapi.services.tiller.UpdateReleaseResponse': 'release:1',
  'hapi.services.tiller.RollbackReleaseRequest':
    'name:1 dry_run:2 disable_hooks:3 version:4 recreate:5 timeout:6 wait:7 force:8 description:9 cleanup_on_fail:10',
  'hapi.services.tiller.RollbackReleaseResponse': 'release:1',
  'hapi.services.tiller.InstallReleaseRequest':
    'chart:1 values:2 dry_run:3 name:4 disable_hooks:5 namespace:6 reuse_name:7 timeout:8 wait:9 disable_crd_hook:10 description:11 subNotes:12',
  'hapi.services.tiller.InstallReleaseResponse': 'release:1',
  'hapi.services.tiller.UninstallReleaseRequest': 'name:1 disable_hooks:2 purge:3 timeout:4 description:5',
  'hapi.services.tiller.UninstallReleaseResponse': 'release:1 info:2',
  'hapi.services.tiller.GetVersionRequest': '',
  'hapi.services.tiller.GetVersionResponse': 'Version:1',
  'hapi.services.tiller.GetHistoryRequest': 'name:1 max:2',
  'hapi.services.tiller.GetHistoryResponse': 'releases:1',
  'hapi.services.tiller.TestReleaseRequest': 'name:1 timeout:2 cleanup:3 parallel:4 max_parallel:5 logs:6',
  'hapi.services.tiller.TestReleaseResponse': 'msg:1 status:2',
  'hapi.chart.Chart': 'metadata:1 templates:2 dependencies:3 values:4 files:5',
  'hapi.chart.Template': 'name:1 data:2',
  'hapi.chart.Config': 'raw:1 values:2',
  'hapi.chart.Value': 'value:1',
  'hapi.chart.Maintainer': 'name:1 email:2 url:3',
  'hapi.chart.Metadata':
    'name:1 home:2 sources:3 version:4 description:5 keywords:6 maintainers:7 engine:8 icon:9 apiVersion:10 condition:11 tags:12 appVersion:13 deprecated:14 tillerVersion:15 annotations:16 kubeVersion:17',
  'hapi.release.Release': 'name:1 info:2 chart:3 config:4 manifest:5 hooks:6 version:7 namespace:8',
  'hapi.release.Info': 'status:1 first_deployed:2 last_deployed:3 deleted:4 Description:5',
  'hapi.release.Status': 'code:1 resources:3 notes:4 last_test_suite_run:5',
  'hapi.release.Hook':
    'name:1 kind:2 path:3 manifest:4 events:5 last_run:6 weight:7 delete_policies:8 delete_timeout:9',
  'hapi.release.TestRun': 'name:1 status:2 info:3 started_at:4 completed_at:5',
  'hapi.release.TestSuite': 'started_at:1 completed_at:2 results:3',
  'hapi.version.Version': 'sem_ver:1 git_commit:2 git_tree_state:3',
};

const ENUMS: Record<string, string> = {
  'hapi.release.Status.Code':
    'UNKNOWN:0 DEPLOYED:1 DELETED:2 SUPERSEDED:3 FAILED:4 DELETING:5 PENDING_INSTALL:6 PENDING_UPGRADE:7 PENDING_ROLLBACK:8',
  'hapi.release.Hook.Event':
    'UNKNOWN:0 PRE_INSTALL:1 POST_INSTALL:2 PRE_DELETE:3 POST_DELETE:4 PRE_UPGRADE:5 POST_UPGRADE:6 PRE_ROLLBACK:7 POST_ROLLBACK:8 RELEASE_TEST_SUCCESS:9 RELEASE_TEST_FAILURE:10 CRD_INSTALL:11',
  'hapi.release.Hook.DeletePolicy': 'SUCCEEDED:0 FAILED:1 BEFORE_HOOK_CREATION:2',
  'hapi.release.TestRun.Status': 'UNKNOWN:0 SUCCESS:1 FAILURE:2 RUNNING:3',
  'hapi.services.tiller.ListSort.SortBy': 'UNKNOWN:0 NAME:1 LAST_RELEASED:2 CHART_NAME:3',
  'hapi.services.tiller.ListSort.SortOrder': 'ASC:0 DESC:1',
  'hapi.chart.Metadata.Engine': 'UNKNOWN:0 GOTPL:1',
};

function pairs(spec: string): string[] {
  return spec.split(' ').filter(Boolean).sort();
}

describe('hapi .proto files match Helm 2', () => {
  const root = releaseMessageType().root;

  for (const [name, spec] of Object.entries(HELM2)) {
    it(`${name} has Helm 2's fields and numbers`, () => {
      const type = root.lookupType(name);
      const actual = type.fieldsArray.map((f) => `${f.name}:${f.id}`).sort();
      assert.deepEqual(actual, pairs(spec));
    });
  }

  for (const [name, spec] of Object.entries(ENUMS)) {
    it(`enum ${name} has Helm 2's values`, () => {
      const e = root.lookupEnum(name);
      assert.deepEqual(
        Object.entries(e.values)
          .map(([k, v]) => `${k}:${v}`)
          .sort(),
        pairs(spec),
      );
    });
  }

  it('ReleaseService declares the Helm 2 RPCs in Helm 2 order, then the helmts addition', () => {
    const svc = root.lookupService('hapi.services.tiller.ReleaseService');
    assert.deepEqual(
      svc.methodsArray.map((m) => `${m.name}${m.responseStream ? '*' : ''}`),
      [
        'ListReleases*',
        'GetReleaseStatus',
        'GetReleaseContent',
        'UpdateRelease',
        'InstallRelease',
        'UninstallRelease',
        'GetVersion',
        'RollbackRelease',
        'GetHistory',
        'RunReleaseTest*',
        'WatchOperation*',
      ],
    );
    assert.equal(svc.methods.RunReleaseTest?.requestType, 'TestReleaseRequest');
  });

  it('Release fields have the Helm 2 wire types', () => {
    const t = root.lookupType('hapi.release.Release');
    assert.equal(t.fields.version?.type, 'int32');
    assert.equal(root.lookupType('hapi.release.Hook').fields.delete_timeout?.type, 'int64');
    assert.equal(root.lookupType('hapi.chart.Template').fields.data?.type, 'bytes');
    assert.equal(root.lookupType('hapi.chart.Chart').fields.files?.type, 'google.protobuf.Any');
  });
});
