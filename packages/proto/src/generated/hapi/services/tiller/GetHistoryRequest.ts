// Original file: proto/hapi/services/tiller.proto


export interface GetHistoryRequest {
  'name'?: (string);
  'max'?: (number);
}

export interface GetHistoryRequest__Output {
  'name': (string);
  'max': (number);
}
