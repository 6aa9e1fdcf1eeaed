// Original file: proto/hapi/release/info.proto

import type { Status as _hapi_release_Status, Status__Output as _hapi_release_Status__Output } from '../../hapi/release/Status.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface Info {
  'status'?: (_hapi_release_Status | null);
  'first_deployed'?: (_google_protobuf_Timestamp | null);
  'last_deployed'?: (_google_protobuf_Timestamp | null);
  'deleted'?: (_google_protobuf_Timestamp | null);
  'Description'?: (string);
}

export interface Info__Output {
  'status': (_hapi_release_Status__Output | null);
  'first_deployed': (_google_protobuf_Timestamp__Output | null);
  'last_deployed': (_google_protobuf_Timestamp__Output | null);
  'deleted': (_google_protobuf_Timestamp__Output | null);
  'Description': (string);
}
