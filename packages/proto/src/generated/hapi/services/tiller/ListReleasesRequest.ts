// Original file: proto/hapi/services/tiller.proto

import type { _hapi_services_tiller_ListSort_SortBy, _hapi_services_tiller_ListSort_SortBy__Output } from '../../../hapi/services/tiller/ListSort.js';
import type { _hapi_services_tiller_ListSort_SortOrder, _hapi_services_tiller_ListSort_SortOrder__Output } from '../../../hapi/services/tiller/ListSort.js';
import type { _hapi_release_Status_Code, _hapi_release_Status_Code__Output } from '../../../hapi/release/Status.js';
import type { Long } from '@grpc/proto-loader';

export interface ListReleasesRequest {
  'limit'?: (number | string | Long);
  'offset'?: (string);
  'sort_by'?: (_hapi_services_tiller_ListSort_SortBy);
  'filter'?: (string);
  'sort_order'?: (_hapi_services_tiller_ListSort_SortOrder);
  'status_codes'?: (_hapi_release_Status_Code)[];
  'namespace'?: (string);
}

export interface ListReleasesRequest__Output {
  'limit': (number);
  'offset': (string);
  'sort_by': (_hapi_services_tiller_ListSort_SortBy__Output);
  'filter': (string);
  'sort_order': (_hapi_services_tiller_ListSort_SortOrder__Output);
  'status_codes': (_hapi_release_Status_Code__Output)[];
  'namespace': (string);
}
