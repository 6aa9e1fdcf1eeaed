// Original file: proto/hapi/services/tiller.proto

import type { Release as _hapi_release_Release, Release__Output as _hapi_release_Release__Output } from '../../../hapi/release/Release.js';

export interface UpdateReleaseResponse {
  'release'?: (_hapi_release_Release | null);
}

export interface UpdateReleaseResponse__Output {
  'release': (_hapi_release_Release__Output | null);
}
