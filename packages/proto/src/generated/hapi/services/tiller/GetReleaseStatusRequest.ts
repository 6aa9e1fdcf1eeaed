// Original file: proto/hapi/services/tiller.proto


export interface GetReleaseStatusRequest {
  'name'?: (string);
  'version'?: (number);
}

export interface GetReleaseStatusRequest__Output {
  'name': (string);
  'version': (number);
}
