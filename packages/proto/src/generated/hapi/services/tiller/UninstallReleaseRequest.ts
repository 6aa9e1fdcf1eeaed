// Original file: proto/hapi/services/tiller.proto

import type { Long } from '@grpc/proto-loader';

export interface UninstallReleaseRequest {
  'name'?: (string);
  'disable_hooks'?: (boolean);
  'purge'?: (boolean);
  'timeout'?: (number | string | Long);
  'description'?: (string);
}

export interface UninstallReleaseRequest__Output {
  'name': (string);
  'disable_hooks': (boolean);
  'purge': (boolean);
  'timeout': (number);
  'description': (string);
}
