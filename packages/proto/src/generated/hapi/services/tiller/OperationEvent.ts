// Original file: proto/hapi/services/progress.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.js';
import type { PhaseChange as _hapi_services_tiller_PhaseChange, PhaseChange__Output as _hapi_services_tiller_PhaseChange__Output } from '../../../hapi/services/tiller/PhaseChange.js';
import type { ResourceChange as _hapi_services_tiller_ResourceChange, ResourceChange__Output as _hapi_services_tiller_ResourceChange__Output } from '../../../hapi/services/tiller/ResourceChange.js';
import type { HookRun as _hapi_services_tiller_HookRun, HookRun__Output as _hapi_services_tiller_HookRun__Output } from '../../../hapi/services/tiller/HookRun.js';
import type { ReadinessUpdate as _hapi_services_tiller_ReadinessUpdate, ReadinessUpdate__Output as _hapi_services_tiller_ReadinessUpdate__Output } from '../../../hapi/services/tiller/ReadinessUpdate.js';
import type { OperationResult as _hapi_services_tiller_OperationResult, OperationResult__Output as _hapi_services_tiller_OperationResult__Output } from '../../../hapi/services/tiller/OperationResult.js';
import type { Long } from '@grpc/proto-loader';

// Original file: proto/hapi/services/progress.proto

export const _hapi_services_tiller_OperationEvent_Operation = {
  UNKNOWN: 'UNKNOWN',
  INSTALL: 'INSTALL',
  UPGRADE: 'UPGRADE',
  ROLLBACK: 'ROLLBACK',
  UNINSTALL: 'UNINSTALL',
  TEST: 'TEST',
} as const;

export type _hapi_services_tiller_OperationEvent_Operation =
  | 'UNKNOWN'
  | 0
  | 'INSTALL'
  | 1
  | 'UPGRADE'
  | 2
  | 'ROLLBACK'
  | 3
  | 'UNINSTALL'
  | 4
  | 'TEST'
  | 5

export type _hapi_services_tiller_OperationEvent_Operation__Output = typeof _hapi_services_tiller_OperationEvent_Operation[keyof typeof _hapi_services_tiller_OperationEvent_Operation]

export interface OperationEvent {
  'operation_id'?: (string);
  'release'?: (string);
  'revision'?: (number);
  'operation'?: (_hapi_services_tiller_OperationEvent_Operation);
  'sequence'?: (number | string | Long);
  'time'?: (_google_protobuf_Timestamp | null);
  'phase'?: (_hapi_services_tiller_PhaseChange | null);
  'resource'?: (_hapi_services_tiller_ResourceChange | null);
  'hook'?: (_hapi_services_tiller_HookRun | null);
  'readiness'?: (_hapi_services_tiller_ReadinessUpdate | null);
  'result'?: (_hapi_services_tiller_OperationResult | null);
  'event'?: "phase"|"resource"|"hook"|"readiness"|"result";
}

export interface OperationEvent__Output {
  'operation_id': (string);
  'release': (string);
  'revision': (number);
  'operation': (_hapi_services_tiller_OperationEvent_Operation__Output);
  'sequence': (number);
  'time': (_google_protobuf_Timestamp__Output | null);
  'phase'?: (_hapi_services_tiller_PhaseChange__Output | null);
  'resource'?: (_hapi_services_tiller_ResourceChange__Output | null);
  'hook'?: (_hapi_services_tiller_HookRun__Output | null);
  'readiness'?: (_hapi_services_tiller_ReadinessUpdate__Output | null);
  'result'?: (_hapi_services_tiller_OperationResult__Output | null);
  'event'?: "phase"|"resource"|"hook"|"readiness"|"result";
}
