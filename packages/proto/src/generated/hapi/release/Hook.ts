// Original file: proto/hapi/release/hook.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Long } from '@grpc/proto-loader';

// Original file: proto/hapi/release/hook.proto

export const _hapi_release_Hook_DeletePolicy = {
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  BEFORE_HOOK_CREATION: 'BEFORE_HOOK_CREATION',
} as const;

export type _hapi_release_Hook_DeletePolicy =
  | 'SUCCEEDED'
  | 0
  | 'FAILED'
  | 1
  | 'BEFORE_HOOK_CREATION'
  | 2

export type _hapi_release_Hook_DeletePolicy__Output = typeof _hapi_release_Hook_DeletePolicy[keyof typeof _hapi_release_Hook_DeletePolicy]

// Original file: proto/hapi/release/hook.proto

export const _hapi_release_Hook_Event = {
  UNKNOWN: 'UNKNOWN',
  PRE_INSTALL: 'PRE_INSTALL',
  POST_INSTALL: 'POST_INSTALL',
  PRE_DELETE: 'PRE_DELETE',
  POST_DELETE: 'POST_DELETE',
  PRE_UPGRADE: 'PRE_UPGRADE',
  POST_UPGRADE: 'POST_UPGRADE',
  PRE_ROLLBACK: 'PRE_ROLLBACK',
  POST_ROLLBACK: 'POST_ROLLBACK',
  RELEASE_TEST_SUCCESS: 'RELEASE_TEST_SUCCESS',
  RELEASE_TEST_FAILURE: 'RELEASE_TEST_FAILURE',
  CRD_INSTALL: 'CRD_INSTALL',
} as const;

export type _hapi_release_Hook_Event =
  | 'UNKNOWN'
  | 0
  | 'PRE_INSTALL'
  | 1
  | 'POST_INSTALL'
  | 2
  | 'PRE_DELETE'
  | 3
  | 'POST_DELETE'
  | 4
  | 'PRE_UPGRADE'
  | 5
  | 'POST_UPGRADE'
  | 6
  | 'PRE_ROLLBACK'
  | 7
  | 'POST_ROLLBACK'
  | 8
  | 'RELEASE_TEST_SUCCESS'
  | 9
  | 'RELEASE_TEST_FAILURE'
  | 10
  | 'CRD_INSTALL'
  | 11

export type _hapi_release_Hook_Event__Output = typeof _hapi_release_Hook_Event[keyof typeof _hapi_release_Hook_Event]

export interface Hook {
  'name'?: (string);
  'kind'?: (string);
  'path'?: (string);
  'manifest'?: (string);
  'events'?: (_hapi_release_Hook_Event)[];
  'last_run'?: (_google_protobuf_Timestamp | null);
  'weight'?: (number);
  'delete_policies'?: (_hapi_release_Hook_DeletePolicy)[];
  'delete_timeout'?: (number | string | Long);
}

export interface Hook__Output {
  'name': (string);
  'kind': (string);
  'path': (string);
  'manifest': (string);
  'events': (_hapi_release_Hook_Event__Output)[];
  'last_run': (_google_protobuf_Timestamp__Output | null);
  'weight': (number);
  'delete_policies': (_hapi_release_Hook_DeletePolicy__Output)[];
  'delete_timeout': (number);
}
