// Original file: proto/hapi/chart/metadata.proto

import type { Maintainer as _hapi_chart_Maintainer, Maintainer__Output as _hapi_chart_Maintainer__Output } from '../../hapi/chart/Maintainer.js';

// Original file: proto/hapi/chart/metadata.proto

export const _hapi_chart_Metadata_Engine = {
  UNKNOWN: 'UNKNOWN',
  GOTPL: 'GOTPL',
} as const;

export type _hapi_chart_Metadata_Engine =
  | 'UNKNOWN'
  | 0
  | 'GOTPL'
  | 1

export type _hapi_chart_Metadata_Engine__Output = typeof _hapi_chart_Metadata_Engine[keyof typeof _hapi_chart_Metadata_Engine]

export interface Metadata {
  'name'?: (string);
  'home'?: (string);
  'sources'?: (string)[];
  'version'?: (string);
  'description'?: (string);
  'keywords'?: (string)[];
  'maintainers'?: (_hapi_chart_Maintainer)[];
  'engine'?: (string);
  'icon'?: (string);
  'apiVersion'?: (string);
  'condition'?: (string);
  'tags'?: (string);
  'appVersion'?: (string);
  'deprecated'?: (boolean);
  'tillerVersion'?: (string);
  'annotations'?: ({[key: string]: string});
  'kubeVersion'?: (string);
}

export interface Metadata__Output {
  'name': (string);
  'home': (string);
  'sources': (string)[];
  'version': (string);
  'description': (string);
  'keywords': (string)[];
  'maintainers': (_hapi_chart_Maintainer__Output)[];
  'engine': (string);
  'icon': (string);
  'apiVersion': (string);
  'condition': (string);
  'tags': (string);
  'appVersion': (string);
  'deprecated': (boolean);
  'tillerVersion': (string);
  'annotations': ({[key: string]: string});
  'kubeVersion': (string);
}
