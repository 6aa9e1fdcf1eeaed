// Original file: proto/hapi/release/test_run.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

// Original file: proto/hapi/release/test_run.proto

export const _hapi_release_TestRun_Status = {
  UNKNOWN: 'UNKNOWN',
  SUCCESS: 'SUCCESS',
  FAILURE: 'FAILURE',
  RUNNING: 'RUNNING',
} as const;

export type _hapi_release_TestRun_Status =
  | 'UNKNOWN'
  | 0
  | 'SUCCESS'
  | 1
  | 'FAILURE'
  | 2
  | 'RUNNING'
  | 3

export type _hapi_release_TestRun_Status__Output = typeof _hapi_release_TestRun_Status[keyof typeof _hapi_release_TestRun_Status]

export interface TestRun {
  'name'?: (string);
  'status'?: (_hapi_release_TestRun_Status);
  'info'?: (string);
  'started_at'?: (_google_protobuf_Timestamp | null);
  'completed_at'?: (_google_protobuf_Timestamp | null);
}

export interface TestRun__Output {
  'name': (string);
  'status': (_hapi_release_TestRun_Status__Output);
  'info': (string);
  'started_at': (_google_protobuf_Timestamp__Output | null);
  'completed_at': (_google_protobuf_Timestamp__Output | null);
}
