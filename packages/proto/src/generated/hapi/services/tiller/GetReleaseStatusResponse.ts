// Original file: proto/hapi/services/tiller.proto

import type { Info as _hapi_release_Info, Info__Output as _hapi_release_Info__Output } from '../../../hapi/release/Info.js';

export interface GetReleaseStatusResponse {
  'name'?: (string);
  'info'?: (_hapi_release_Info | null);
  'namespace'?: (string);
}

export interface GetReleaseStatusResponse__Output {
  'name': (string);
  'info': (_hapi_release_Info__Output | null);
  'namespace': (string);
}
