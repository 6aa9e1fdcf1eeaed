// Original file: proto/hapi/services/tiller.proto

import type { Long } from '@grpc/proto-loader';

export interface TestReleaseRequest {
  'name'?: (string);
  'timeout'?: (number | string | Long);
  'cleanup'?: (boolean);
  'parallel'?: (boolean);
  'max_parallel'?: (number);
  'logs'?: (boolean);
}

export interface TestReleaseRequest__Output {
  'name': (string);
  'timeout': (number);
  'cleanup': (boolean);
  'parallel': (boolean);
  'max_parallel': (number);
  'logs': (boolean);
}
