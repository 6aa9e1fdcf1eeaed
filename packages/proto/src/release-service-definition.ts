// The ReleaseService's gRPC method table (paths, serializers) built from the generated wire schema,
// without protobufjs or proto-loader: what a client needs, at a fraction of their load cost.
import type * as grpc from '@grpc/grpc-js';
import { WIRE_SCHEMA } from './wire-schema.js';
import { WireCodec } from './wire-codec.js';

let codec: WireCodec | undefined;

/** The codec of every hapi message (see src/wire-codec.ts). */
export function hapiWireCodec(): WireCodec {
  codec ??= new WireCodec(WIRE_SCHEMA);
  return codec;
}

let definition: grpc.ServiceDefinition | undefined;

/** grpc-js service definition of hapi.services.tiller.ReleaseService, encoded by hapiWireCodec(). */
export function releaseServiceWireDefinition(): grpc.ServiceDefinition {
  if (definition) return definition;
  const wire = hapiWireCodec();
  const { service } = WIRE_SCHEMA;
  const methods: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const [name, request, response, responseStream] of service.methods) {
    methods[name] = {
      path: `/${service.name}/${name}`,
      requestStream: false,
      responseStream,
      requestSerialize: (value: unknown) => wire.encode(request, value),
      requestDeserialize: (bytes: Buffer) => wire.decode(request, bytes),
      responseSerialize: (value: unknown) => wire.encode(response, value),
      responseDeserialize: (bytes: Buffer) => wire.decode(response, bytes),
      originalName: name.charAt(0).toLowerCase() + name.slice(1),
    };
  }
  definition = methods;
  return definition;
}
