// Original file: proto/hapi/release/test_suite.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { TestRun as _hapi_release_TestRun, TestRun__Output as _hapi_release_TestRun__Output } from '../../hapi/release/TestRun.js';

export interface TestSuite {
  'started_at'?: (_google_protobuf_Timestamp | null);
  'completed_at'?: (_google_protobuf_Timestamp | null);
  'results'?: (_hapi_release_TestRun)[];
}

export interface TestSuite__Output {
  'started_at': (_google_protobuf_Timestamp__Output | null);
  'completed_at': (_google_protobuf_Timestamp__Output | null);
  'results': (_hapi_release_TestRun__Output)[];
}
