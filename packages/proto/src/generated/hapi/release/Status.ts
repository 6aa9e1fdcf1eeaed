// Original file: proto/hapi/release/status.proto

import type { TestSuite as _hapi_release_TestSuite, TestSuite__Output as _hapi_release_TestSuite__Output } from '../../hapi/release/TestSuite.js';

// Original file: proto/hapi/release/status.proto

export const _hapi_release_Status_Code = {
  UNKNOWN: 'UNKNOWN',
  DEPLOYED: 'DEPLOYED',
  DELETED: 'DELETED',
  SUPERSEDED: 'SUPERSEDED',
  FAILED: 'FAILED',
  DELETING: 'DELETING',
  PENDING_INSTALL: 'PENDING_INSTALL',
  PENDING_UPGRADE: 'PENDING_UPGRADE',
  PENDING_ROLLBACK: 'PENDING_ROLLBACK',
} as const;

export type _hapi_release_Status_Code =
  | 'UNKNOWN'
  | 0
  | 'DEPLOYED'
  | 1
  | 'DELETED'
  | 2
  | 'SUPERSEDED'
  | 3
  | 'FAILED'
  | 4
  | 'DELETING'
  | 5
  | 'PENDING_INSTALL'
  | 6
  | 'PENDING_UPGRADE'
  | 7
  | 'PENDING_ROLLBACK'
  | 8

export type _hapi_release_Status_Code__Output = typeof _hapi_release_Status_Code[keyof typeof _hapi_release_Status_Code]

export interface Status {
  'code'?: (_hapi_release_Status_Code);
  'resources'?: (string);
  'notes'?: (string);
  'last_test_suite_run'?: (_hapi_release_TestSuite | null);
}

export interface Status__Output {
  'code': (_hapi_release_Status_Code__Output);
  'resources': (string);
  'notes': (string);
  'last_test_suite_run': (_hapi_release_TestSuite__Output | null);
}
