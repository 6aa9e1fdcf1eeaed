// Original file: proto/hapi/services/tiller.proto


export interface GetReleaseContentRequest {
  'name'?: (string);
  'version'?: (number);
}

export interface GetReleaseContentRequest__Output {
  'name': (string);
  'version': (number);
}
