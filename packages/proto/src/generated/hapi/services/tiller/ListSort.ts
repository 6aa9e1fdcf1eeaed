// Original file: proto/hapi/services/tiller.proto


// Original file: proto/hapi/services/tiller.proto

export const _hapi_services_tiller_ListSort_SortBy = {
  UNKNOWN: 'UNKNOWN',
  NAME: 'NAME',
  LAST_RELEASED: 'LAST_RELEASED',
  CHART_NAME: 'CHART_NAME',
} as const;

export type _hapi_services_tiller_ListSort_SortBy =
  | 'UNKNOWN'
  | 0
  | 'NAME'
  | 1
  | 'LAST_RELEASED'
  | 2
  | 'CHART_NAME'
  | 3

export type _hapi_services_tiller_ListSort_SortBy__Output = typeof _hapi_services_tiller_ListSort_SortBy[keyof typeof _hapi_services_tiller_ListSort_SortBy]

// Original file: proto/hapi/services/tiller.proto

export const _hapi_services_tiller_ListSort_SortOrder = {
  ASC: 'ASC',
  DESC: 'DESC',
} as const;

export type _hapi_services_tiller_ListSort_SortOrder =
  | 'ASC'
  | 0
  | 'DESC'
  | 1

export type _hapi_services_tiller_ListSort_SortOrder__Output = typeof _hapi_services_tiller_ListSort_SortOrder[keyof typeof _hapi_services_tiller_ListSort_SortOrder]

export interface ListSort {
}

export interface ListSort__Output {
}
