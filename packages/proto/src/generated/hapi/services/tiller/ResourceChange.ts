// Original file: proto/hapi/services/progress.proto


// Original file: proto/hapi/services/progress.proto

export const _hapi_services_tiller_ResourceChange_Action = {
  UNKNOWN: 'UNKNOWN',
  CREATED: 'CREATED',
  UPDATED: 'UPDATED',
  UNCHANGED: 'UNCHANGED',
  DELETED: 'DELETED',
  KEPT: 'KEPT',
  RECREATED: 'RECREATED',
  FAILED: 'FAILED',
} as const;

export type _hapi_services_tiller_ResourceChange_Action =
  | 'UNKNOWN'
  | 0
  | 'CREATED'
  | 1
  | 'UPDATED'
  | 2
  | 'UNCHANGED'
  | 3
  | 'DELETED'
  | 4
  | 'KEPT'
  | 5
  | 'RECREATED'
  | 6
  | 'FAILED'
  | 7

export type _hapi_services_tiller_ResourceChange_Action__Output = typeof _hapi_services_tiller_ResourceChange_Action[keyof typeof _hapi_services_tiller_ResourceChange_Action]

export interface ResourceChange {
  'action'?: (_hapi_services_tiller_ResourceChange_Action);
  'api_version'?: (string);
  'kind'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  'message'?: (string);
}

export interface ResourceChange__Output {
  'action': (_hapi_services_tiller_ResourceChange_Action__Output);
  'api_version': (string);
  'kind': (string);
  'namespace': (string);
  'name': (string);
  'message': (string);
}
