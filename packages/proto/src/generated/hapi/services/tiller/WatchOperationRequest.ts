// Original file: proto/hapi/services/progress.proto


export interface WatchOperationRequest {
  'operation_id'?: (string);
  'release'?: (string);
}

export interface WatchOperationRequest__Output {
  'operation_id': (string);
  'release': (string);
}
