import * as grpc from '@grpc/grpc-js';
import type { ReleaseServiceClient } from './generated/hapi/services/tiller/ReleaseService.js';
import { releaseServiceWireDefinition } from './release-service-definition.js';
import { CLIENT_KEEPALIVE_MS, HELM_API_CLIENT_HEADER, HELM_API_VERSION, MAX_MESSAGE_BYTES } from './transport.js';

export interface ReleaseServiceClientOptions {
  /** Sent as x-helm-api-client on every call; default HELM_API_VERSION. */
  clientVersion?: string;
  /** Extra channel options; they override the Helm 2 defaults set here. */
  channelOptions?: grpc.ChannelOptions;
  /** Extra interceptors, run after the one adding the version header. */
  interceptors?: grpc.Interceptor[];
}

/** An interceptor that adds `x-helm-api-client: <version>` to every call, as the Helm 2 client does. */
export function helmApiClientInterceptor(version: string): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set(HELM_API_CLIENT_HEADER, version);
        next(metadata, listener);
      },
    });
}

/**
 * A typed ReleaseService client with Helm 2's transport settings: 20 MiB send/receive limits,
 * keepalive pings every 30 s, and the version header on every call.
 * `address` is `host:port`; use grpc.credentials.createInsecure() or createSsl(...) for `creds`.
 */
export function createReleaseServiceClient(
  address: string,
  creds: grpc.ChannelCredentials,
  options: ReleaseServiceClientOptions = {},
): ReleaseServiceClient {
  // The generated wire codec, not proto-loader: a client then never loads protobufjs nor parses
  // the .proto files (most of a release command's start-up before).
  const ctor = grpc.makeGenericClientConstructor(releaseServiceWireDefinition(), 'ReleaseService');
  return new ctor(address, creds, {
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.keepalive_time_ms': CLIENT_KEEPALIVE_MS,
    ...options.channelOptions,
    interceptors: [
      helmApiClientInterceptor(options.clientVersion ?? HELM_API_VERSION),
      ...(options.interceptors ?? []),
    ],
  }) as unknown as ReleaseServiceClient;
}
