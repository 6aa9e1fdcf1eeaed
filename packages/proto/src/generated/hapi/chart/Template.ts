// Original file: proto/hapi/chart/template.proto


export interface Template {
  'name'?: (string);
  'data'?: (Buffer | Uint8Array | string);
}

export interface Template__Output {
  'name': (string);
  'data': (Buffer);
}
