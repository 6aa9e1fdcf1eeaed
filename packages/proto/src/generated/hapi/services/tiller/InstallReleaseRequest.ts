// Original file: proto/hapi/services/tiller.proto

import type { Chart as _hapi_chart_Chart, Chart__Output as _hapi_chart_Chart__Output } from '../../../hapi/chart/Chart.js';
import type { Config as _hapi_chart_Config, Config__Output as _hapi_chart_Config__Output } from '../../../hapi/chart/Config.js';
import type { Long } from '@grpc/proto-loader';

export interface InstallReleaseRequest {
  'chart'?: (_hapi_chart_Chart | null);
  'values'?: (_hapi_chart_Config | null);
  'dry_run'?: (boolean);
  'name'?: (string);
  'disable_hooks'?: (boolean);
  'namespace'?: (string);
  'reuse_name'?: (boolean);
  'timeout'?: (number | string | Long);
  'wait'?: (boolean);
  'disable_crd_hook'?: (boolean);
  'description'?: (string);
  'subNotes'?: (boolean);
}

export interface InstallReleaseRequest__Output {
  'chart': (_hapi_chart_Chart__Output | null);
  'values': (_hapi_chart_Config__Output | null);
  'dry_run': (boolean);
  'name': (string);
  'disable_hooks': (boolean);
  'namespace': (string);
  'reuse_name': (boolean);
  'timeout': (number);
  'wait': (boolean);
  'disable_crd_hook': (boolean);
  'description': (string);
  'subNotes': (boolean);
}
