// Original file: proto/hapi/chart/config.proto

import type { Value as _hapi_chart_Value, Value__Output as _hapi_chart_Value__Output } from '../../hapi/chart/Value.js';

export interface Config {
  'raw'?: (string);
  'values'?: ({[key: string]: _hapi_chart_Value});
}

export interface Config__Output {
  'raw': (string);
  'values': ({[key: string]: _hapi_chart_Value__Output});
}
