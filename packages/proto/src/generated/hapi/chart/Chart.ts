// Original file: proto/hapi/chart/chart.proto

import type { Metadata as _hapi_chart_Metadata, Metadata__Output as _hapi_chart_Metadata__Output } from '../../hapi/chart/Metadata.js';
import type { Template as _hapi_chart_Template, Template__Output as _hapi_chart_Template__Output } from '../../hapi/chart/Template.js';
import type { Chart as _hapi_chart_Chart, Chart__Output as _hapi_chart_Chart__Output } from '../../hapi/chart/Chart.js';
import type { Config as _hapi_chart_Config, Config__Output as _hapi_chart_Config__Output } from '../../hapi/chart/Config.js';
import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from '../../google/protobuf/Any.js';

export interface Chart {
  'metadata'?: (_hapi_chart_Metadata | null);
  'templates'?: (_hapi_chart_Template)[];
  'dependencies'?: (_hapi_chart_Chart)[];
  'values'?: (_hapi_chart_Config | null);
  'files'?: (_google_protobuf_Any)[];
}

export interface Chart__Output {
  'metadata': (_hapi_chart_Metadata__Output | null);
  'templates': (_hapi_chart_Template__Output)[];
  'dependencies': (_hapi_chart_Chart__Output)[];
  'values': (_hapi_chart_Config__Output | null);
  'files': (_google_protobuf_Any__Output)[];
}
