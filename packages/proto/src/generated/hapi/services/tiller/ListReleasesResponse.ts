// Original file: proto/hapi/services/tiller.proto

import type { Release as _hapi_release_Release, Release__Output as _hapi_release_Release__Output } from '../../../hapi/release/Release.js';
import type { Long } from '@grpc/proto-loader';

export interface ListReleasesResponse {
  'count'?: (number | string | Long);
  'next'?: (string);
  'total'?: (number | string | Long);
  'releases'?: (_hapi_release_Release)[];
}

export interface ListReleasesResponse__Output {
  'count': (number);
  'next': (string);
  'total': (number);
  'releases': (_hapi_release_Release__Output)[];
}
