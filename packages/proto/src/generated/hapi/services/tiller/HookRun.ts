// Original file: proto/hapi/services/progress.proto

import type { _hapi_release_Hook_Event, _hapi_release_Hook_Event__Output } from '../../../hapi/release/Hook.js';

// Original file: proto/hapi/services/progress.proto

export const _hapi_services_tiller_HookRun_State = {
  UNKNOWN: 'UNKNOWN',
  STARTED: 'STARTED',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  DELETED: 'DELETED',
} as const;

export type _hapi_services_tiller_HookRun_State =
  | 'UNKNOWN'
  | 0
  | 'STARTED'
  | 1
  | 'SUCCEEDED'
  | 2
  | 'FAILED'
  | 3
  | 'DELETED'
  | 4

export type _hapi_services_tiller_HookRun_State__Output = typeof _hapi_services_tiller_HookRun_State[keyof typeof _hapi_services_tiller_HookRun_State]

export interface HookRun {
  'event'?: (_hapi_release_Hook_Event);
  'name'?: (string);
  'kind'?: (string);
  'weight'?: (number);
  'state'?: (_hapi_services_tiller_HookRun_State);
  'message'?: (string);
}

export interface HookRun__Output {
  'event': (_hapi_release_Hook_Event__Output);
  'name': (string);
  'kind': (string);
  'weight': (number);
  'state': (_hapi_services_tiller_HookRun_State__Output);
  'message': (string);
}
