// Original file: proto/hapi/services/tiller.proto

import type { Long } from '@grpc/proto-loader';

export interface RollbackReleaseRequest {
  'name'?: (string);
  'dry_run'?: (boolean);
  'disable_hooks'?: (boolean);
  'version'?: (number);
  'recreate'?: (boolean);
  'timeout'?: (number | string | Long);
  'wait'?: (boolean);
  'force'?: (boolean);
  'description'?: (string);
  'cleanup_on_fail'?: (boolean);
}

export interface RollbackReleaseRequest__Output {
  'name': (string);
  'dry_run': (boolean);
  'disable_hooks': (boolean);
  'version': (number);
  'recreate': (boolean);
  'timeout': (number);
  'wait': (boolean);
  'force': (boolean);
  'description': (string);
  'cleanup_on_fail': (boolean);
}
