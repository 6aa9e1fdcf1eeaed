export { HAPI_ENTRY_PROTO, HAPI_LOADER_OPTIONS, HAPI_PROTO_DIR, loadHapi, loadHapiGrpc } from './hapi.js';
export { hapiWireCodec, releaseServiceWireDefinition } from './release-service-definition.js';
export { WireCodec, type WireField, type WireSchema } from './wire-codec.js';
export {
  decodeRelease,
  decodeReleaseWithProtobufjs,
  encodeRelease,
  encodeReleaseWithProtobufjs,
  releaseMessageType,
} from './release-codec.js';
export {
  CLIENT_KEEPALIVE_MS,
  HELM_API_CLIENT_HEADER,
  HELM_API_VERSION,
  MAX_MESSAGE_BYTES,
  ATOMIC_HEADER,
  DIALECT_HEADER,
  OPERATION_ID_HEADER,
  SERVER_MAX_CONNECTION_IDLE_MS,
  releaseServiceMethod,
} from './transport.js';
export { incompatibleVersionMessage, isCompatibleVersion } from './api-version.js';
export {
  createReleaseServiceClient,
  helmApiClientInterceptor,
  type ReleaseServiceClientOptions,
} from './release-service-client.js';
export {
  addReleaseService,
  bindServer,
  createTillerGrpcServer,
  releaseServiceDefinition,
} from './release-service-server.js';
export * from './shapes.js';
export * from './service-messages.js';
