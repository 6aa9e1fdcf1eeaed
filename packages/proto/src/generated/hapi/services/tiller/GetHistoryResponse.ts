// Original file: proto/hapi/services/tiller.proto

import type { Release as _hapi_release_Release, Release__Output as _hapi_release_Release__Output } from '../../../hapi/release/Release.js';

export interface GetHistoryResponse {
  'releases'?: (_hapi_release_Release)[];
}

export interface GetHistoryResponse__Output {
  'releases': (_hapi_release_Release__Output)[];
}
