// Original file: proto/hapi/services/tiller.proto


export interface GetVersionRequest {
}

export interface GetVersionRequest__Output {
}
