// Original file: proto/hapi/release/release.proto

import type { Info as _hapi_release_Info, Info__Output as _hapi_release_Info__Output } from '../../hapi/release/Info.js';
import type { Chart as _hapi_chart_Chart, Chart__Output as _hapi_chart_Chart__Output } from '../../hapi/chart/Chart.js';
import type { Config as _hapi_chart_Config, Config__Output as _hapi_chart_Config__Output } from '../../hapi/chart/Config.js';
import type { Hook as _hapi_release_Hook, Hook__Output as _hapi_release_Hook__Output } from '../../hapi/release/Hook.js';

export interface Release {
  'name'?: (string);
  'info'?: (_hapi_release_Info | null);
  'chart'?: (_hapi_chart_Chart | null);
  'config'?: (_hapi_chart_Config | null);
  'manifest'?: (string);
  'hooks'?: (_hapi_release_Hook)[];
  'version'?: (number);
  'namespace'?: (string);
}

export interface Release__Output {
  'name': (string);
  'info': (_hapi_release_Info__Output | null);
  'chart': (_hapi_chart_Chart__Output | null);
  'config': (_hapi_chart_Config__Output | null);
  'manifest': (string);
  'hooks': (_hapi_release_Hook__Output)[];
  'version': (number);
  'namespace': (string);
}
