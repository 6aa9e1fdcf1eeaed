// Original file: proto/hapi/chart/metadata.proto


export interface Maintainer {
  'name'?: (string);
  'email'?: (string);
  'url'?: (string);
}

export interface Maintainer__Output {
  'name': (string);
  'email': (string);
  'url': (string);
}
