// Original file: proto/hapi/services/tiller.proto

import type { Chart as _hapi_chart_Chart, Chart__Output as _hapi_chart_Chart__Output } from '../../../hapi/chart/Chart.js';
import type { Config as _hapi_chart_Config, Config__Output as _hapi_chart_Config__Output } from '../../../hapi/chart/Config.js';
import type { Long } from '@grpc/proto-loader';

export interface UpdateReleaseRequest {
  'name'?: (string);
  'chart'?: (_hapi_chart_Chart | null);
  'values'?: (_hapi_chart_Config | null);
  'dry_run'?: (boolean);
  'disable_hooks'?: (boolean);
  'recreate'?: (boolean);
  'timeout'?: (number | string | Long);
  'reset_values'?: (boolean);
  'wait'?: (boolean);
  'reuse_values'?: (boolean);
  'force'?: (boolean);
  'description'?: (string);
  'subNotes'?: (boolean);
  'cleanup_on_fail'?: (boolean);
}

export interface UpdateReleaseRequest__Output {
  'name': (string);
  'chart': (_hapi_chart_Chart__Output | null);
  'values': (_hapi_chart_Config__Output | null);
  'dry_run': (boolean);
  'disable_hooks': (boolean);
  'recreate': (boolean);
  'timeout': (number);
  'reset_values': (boolean);
  'wait': (boolean);
  'reuse_values': (boolean);
  'force': (boolean);
  'description': (string);
  'subNotes': (boolean);
  'cleanup_on_fail': (boolean);
}
