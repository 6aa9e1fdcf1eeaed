// Original file: proto/hapi/services/tiller.proto

import type { Release as _hapi_release_Release, Release__Output as _hapi_release_Release__Output } from '../../../hapi/release/Release.js';

export interface GetReleaseContentResponse {
  'release'?: (_hapi_release_Release | null);
}

export interface GetReleaseContentResponse__Output {
  'release': (_hapi_release_Release__Output | null);
}
