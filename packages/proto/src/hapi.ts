// Loading the hapi .proto files shipped in this package, once, with the options every helmts
// component uses, so that the gRPC layer and the storage codec see the same JS shapes.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as grpc from '@grpc/grpc-js';
import type * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType } from './generated/tiller.js';

/** Directory holding `hapi/**\/*.proto` (the import root of the files). */
export const HAPI_PROTO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../proto');

/** Entry file; it imports every other hapi file. */
export const HAPI_ENTRY_PROTO = 'hapi/services/tiller.proto';

/**
 * Field names as written in the .proto (snake_case, and Helm 2's odd `Description`, `Version`,
 * `subNotes`), 64-bit integers as JS numbers, enums as their names, every field present on output.
 * src/generated was produced with the same choices (see `npm run generate`): keep them in step.
 */
export const HAPI_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [HAPI_PROTO_DIR],
};

// Loaded on first use: a client encodes with the generated wire codec and never needs them.
const requireLazily = createRequire(import.meta.url);

let definition: protoLoader.PackageDefinition | undefined;

/** The proto-loader package definition of all hapi messages and the ReleaseService. */
export function loadHapi(): protoLoader.PackageDefinition {
  definition ??= (requireLazily('@grpc/proto-loader') as typeof protoLoader).loadSync(
    HAPI_ENTRY_PROTO,
    HAPI_LOADER_OPTIONS,
  );
  return definition;
}

let grpcObject: ProtoGrpcType | undefined;

/** The typed gRPC object: constructors for the service client and message type definitions. */
export function loadHapiGrpc(): ProtoGrpcType {
  grpcObject ??= (requireLazily('@grpc/grpc-js') as typeof grpc).loadPackageDefinition(
    loadHapi(),
  ) as unknown as ProtoGrpcType;
  return grpcObject;
}
