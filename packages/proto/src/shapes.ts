// Friendly names for the generated message shapes. The plain name is the *output* shape (every
// field present, enums as names, int64 as number) — what decodeRelease and gRPC handlers/clients
// receive. The `…Input` name is the permissive shape accepted when sending or encoding (fields
// optional, enums as names or numbers).
import type { Any as AnyInput, Any__Output as AnyOutput } from './generated/google/protobuf/Any.js';
import type { Timestamp as TimestampInput, Timestamp__Output } from './generated/google/protobuf/Timestamp.js';
import type { Chart as ChartInput, Chart__Output } from './generated/hapi/chart/Chart.js';
import type { Config as ConfigInput, Config__Output } from './generated/hapi/chart/Config.js';
import type { Maintainer as MaintainerInput, Maintainer__Output } from './generated/hapi/chart/Maintainer.js';
import type { Metadata as MetadataInput, Metadata__Output } from './generated/hapi/chart/Metadata.js';
import type { Template as TemplateInput, Template__Output } from './generated/hapi/chart/Template.js';
import {
  _hapi_release_Hook_DeletePolicy,
  _hapi_release_Hook_Event,
  type Hook as HookInput,
  type Hook__Output,
} from './generated/hapi/release/Hook.js';
import type { Info as InfoInput, Info__Output } from './generated/hapi/release/Info.js';
import type { Release as ReleaseInput, Release__Output } from './generated/hapi/release/Release.js';
import {
  _hapi_release_Status_Code,
  type Status as StatusInput,
  type Status__Output,
} from './generated/hapi/release/Status.js';
import {
  _hapi_release_TestRun_Status,
  type TestRun as TestRunInput,
  type TestRun__Output,
} from './generated/hapi/release/TestRun.js';
import type { TestSuite as TestSuiteInput, TestSuite__Output } from './generated/hapi/release/TestSuite.js';
import type { Version as VersionInput, Version__Output } from './generated/hapi/version/Version.js';

export type {
  AnyInput,
  ChartInput,
  ConfigInput,
  HookInput,
  InfoInput,
  MaintainerInput,
  MetadataInput,
  ReleaseInput,
  StatusInput,
  TemplateInput,
  TestRunInput,
  TestSuiteInput,
  TimestampInput,
  VersionInput,
};

export type Any = AnyOutput;
export type Timestamp = Timestamp__Output;
export type Chart = Chart__Output;
export type Config = Config__Output;
export type Maintainer = Maintainer__Output;
export type Metadata = Metadata__Output;
export type Template = Template__Output;
export type Hook = Hook__Output;
export type Info = Info__Output;
export type Release = Release__Output;
export type Status = Status__Output;
export type TestRun = TestRun__Output;
export type TestSuite = TestSuite__Output;
export type Version = Version__Output;

/** hapi.release.Status.Code names, e.g. `StatusCode.DEPLOYED === 'DEPLOYED'`. */
export const StatusCode = _hapi_release_Status_Code;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

/** hapi.release.Hook.Event names. */
export const HookEvent = _hapi_release_Hook_Event;
export type HookEvent = (typeof HookEvent)[keyof typeof HookEvent];

/** hapi.release.Hook.DeletePolicy names. */
export const HookDeletePolicy = _hapi_release_Hook_DeletePolicy;
export type HookDeletePolicy = (typeof HookDeletePolicy)[keyof typeof HookDeletePolicy];

/** hapi.release.TestRun.Status names. */
export const TestRunStatus = _hapi_release_TestRun_Status;
export type TestRunStatus = (typeof TestRunStatus)[keyof typeof TestRunStatus];

/** Numeric wire value of each Status.Code name (for ordering or comparing with raw protobuf). */
export const STATUS_CODE_NUMBER: Readonly<Record<StatusCode, number>> = {
  UNKNOWN: 0,
  DEPLOYED: 1,
  DELETED: 2,
  SUPERSEDED: 3,
  FAILED: 4,
  DELETING: 5,
  PENDING_INSTALL: 6,
  PENDING_UPGRADE: 7,
  PENDING_ROLLBACK: 8,
};

/** A Timestamp from a JS Date (or now), as Helm 2 stores it: seconds + nanos, UTC. */
export function timestampFromDate(date: Date = new Date()): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

/** A JS Date from a Timestamp (millisecond precision). */
export function dateFromTimestamp(ts: { seconds?: number | string | { toString(): string }; nanos?: number }): Date {
  const seconds = Number(ts.seconds ?? 0);
  return new Date(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1_000_000));
}

// Enums of the ReleaseService messages.
export { _hapi_services_tiller_ListSort_SortBy as ListSortBy } from './generated/hapi/services/tiller/ListSort.js';
export { _hapi_services_tiller_ListSort_SortOrder as ListSortOrder } from './generated/hapi/services/tiller/ListSort.js';
export { _hapi_services_tiller_OperationEvent_Operation as OperationKind } from './generated/hapi/services/tiller/OperationEvent.js';
export { _hapi_services_tiller_PhaseChange_Phase as OperationPhase } from './generated/hapi/services/tiller/PhaseChange.js';
export { _hapi_services_tiller_ResourceChange_Action as ResourceAction } from './generated/hapi/services/tiller/ResourceChange.js';
export { _hapi_services_tiller_HookRun_State as HookRunState } from './generated/hapi/services/tiller/HookRun.js';
