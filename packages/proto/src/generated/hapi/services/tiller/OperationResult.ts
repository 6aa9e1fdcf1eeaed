// Original file: proto/hapi/services/progress.proto

import type { _hapi_release_Status_Code, _hapi_release_Status_Code__Output } from '../../../hapi/release/Status.js';

export interface OperationResult {
  'success'?: (boolean);
  'status'?: (_hapi_release_Status_Code);
  'message'?: (string);
  'code'?: (number);
}

export interface OperationResult__Output {
  'success': (boolean);
  'status': (_hapi_release_Status_Code__Output);
  'message': (string);
  'code': (number);
}
