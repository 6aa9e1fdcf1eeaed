// Original file: proto/hapi/services/progress.proto


export interface ReadinessUpdate {
  'api_version'?: (string);
  'kind'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  'ready'?: (boolean);
  'message'?: (string);
  'ready_objects'?: (number);
  'total_objects'?: (number);
}

export interface ReadinessUpdate__Output {
  'api_version': (string);
  'kind': (string);
  'namespace': (string);
  'name': (string);
  'ready': (boolean);
  'message': (string);
  'ready_objects': (number);
  'total_objects': (number);
}
