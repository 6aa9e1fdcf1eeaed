// Original file: proto/hapi/services/tiller.proto

import type { Release as _hapi_release_Release, Release__Output as _hapi_release_Release__Output } from '../../../hapi/release/Release.js';

export interface UninstallReleaseResponse {
  'release'?: (_hapi_release_Release | null);
  'info'?: (string);
}

export interface UninstallReleaseResponse__Output {
  'release': (_hapi_release_Release__Output | null);
  'info': (string);
}
