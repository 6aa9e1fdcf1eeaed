// `@helmts/proto/client`: what a client needs to call Tiller, without the rest of this package.
// The package's main entry also loads grpc-js (Tiller's server and the grpc-js client); a release
// command importing it paid for that on every run.
export {
  createH2ReleaseClient,
  GrpcCallError,
  GrpcCode,
  H2ReleaseClient,
  type CallOptions,
  type H2ReleaseClientOptions,
  type ServerStream,
} from './h2-release-client.js';
export {
  ATOMIC_HEADER,
  DIALECT_HEADER,
  HELM_API_CLIENT_HEADER,
  HELM_API_VERSION,
  MAX_MESSAGE_BYTES,
  OPERATION_ID_HEADER,
} from './transport.js';
