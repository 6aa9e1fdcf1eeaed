// Original file: proto/hapi/services/tiller.proto

import type { _hapi_release_TestRun_Status, _hapi_release_TestRun_Status__Output } from '../../../hapi/release/TestRun.js';

export interface TestReleaseResponse {
  'msg'?: (string);
  'status'?: (_hapi_release_TestRun_Status);
}

export interface TestReleaseResponse__Output {
  'msg': (string);
  'status': (_hapi_release_TestRun_Status__Output);
}
