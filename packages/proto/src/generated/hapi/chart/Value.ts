// Original file: proto/hapi/chart/config.proto


export interface Value {
  'value'?: (string);
}

export interface Value__Output {
  'value': (string);
}
