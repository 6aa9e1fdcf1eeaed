import * as grpc from '@grpc/grpc-js';
import type {
  ReleaseServiceDefinition,
  ReleaseServiceHandlers,
} from './generated/hapi/services/tiller/ReleaseService.js';
import { releaseServiceWireDefinition } from './release-service-definition.js';
import { MAX_MESSAGE_BYTES, SERVER_MAX_CONNECTION_IDLE_MS } from './transport.js';

/**
 * The service definition (method paths, serializers) of hapi.services.tiller.ReleaseService, by
 * the generated wire codec: Tiller loads neither protobufjs nor the .proto files.
 */
export function releaseServiceDefinition(): ReleaseServiceDefinition {
  return releaseServiceWireDefinition() as unknown as ReleaseServiceDefinition;
}

/**
 * A grpc-js server with Helm 2's Tiller settings: 20 MiB limits and 10 min max connection idle
 * (grpc-js has no server-side ping-rate enforcement, so Helm 2's 20 s MinTime is not replicated).
 */
export function createTillerGrpcServer(options: grpc.ServerOptions = {}): grpc.Server {
  return new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_connection_idle_ms': SERVER_MAX_CONNECTION_IDLE_MS,
    ...options,
  });
}

/** Registers a ReleaseService implementation on `server`. */
export function addReleaseService(server: grpc.Server, handlers: ReleaseServiceHandlers): void {
  server.addService(releaseServiceDefinition(), handlers);
}

/** Binds `address` (e.g. `127.0.0.1:0`) and resolves with the port actually bound. */
export function bindServer(server: grpc.Server, address: string, creds: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, creds, (err, port) => (err ? reject(err) : resolve(port)));
  });
}
