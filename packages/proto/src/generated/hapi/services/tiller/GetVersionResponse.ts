// Original file: proto/hapi/services/tiller.proto

import type { Version as _hapi_version_Version, Version__Output as _hapi_version_Version__Output } from '../../../hapi/version/Version.js';

export interface GetVersionResponse {
  'Version'?: (_hapi_version_Version | null);
}

export interface GetVersionResponse__Output {
  'Version': (_hapi_version_Version__Output | null);
}
