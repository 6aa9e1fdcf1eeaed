// Original file: proto/hapi/services/progress.proto


// Original file: proto/hapi/services/progress.proto

export const _hapi_services_tiller_PhaseChange_Phase = {
  UNKNOWN: 'UNKNOWN',
  STARTED: 'STARTED',
  RENDERING: 'RENDERING',
  PRE_HOOKS: 'PRE_HOOKS',
  APPLYING: 'APPLYING',
  WAITING: 'WAITING',
  POST_HOOKS: 'POST_HOOKS',
  DELETING: 'DELETING',
  TESTING: 'TESTING',
  RECORDING: 'RECORDING',
} as const;

export type _hapi_services_tiller_PhaseChange_Phase =
  | 'UNKNOWN'
  | 0
  | 'STARTED'
  | 1
  | 'RENDERING'
  | 2
  | 'PRE_HOOKS'
  | 3
  | 'APPLYING'
  | 4
  | 'WAITING'
  | 5
  | 'POST_HOOKS'
  | 6
  | 'DELETING'
  | 7
  | 'TESTING'
  | 8
  | 'RECORDING'
  | 9

export type _hapi_services_tiller_PhaseChange_Phase__Output = typeof _hapi_services_tiller_PhaseChange_Phase[keyof typeof _hapi_services_tiller_PhaseChange_Phase]

export interface PhaseChange {
  'phase'?: (_hapi_services_tiller_PhaseChange_Phase);
  'message'?: (string);
}

export interface PhaseChange__Output {
  'phase': (_hapi_services_tiller_PhaseChange_Phase__Output);
  'message': (string);
}
