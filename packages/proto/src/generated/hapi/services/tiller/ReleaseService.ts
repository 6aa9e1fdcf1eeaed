// Original file: proto/hapi/services/tiller.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetHistoryRequest as _hapi_services_tiller_GetHistoryRequest, GetHistoryRequest__Output as _hapi_services_tiller_GetHistoryRequest__Output } from '../../../hapi/services/tiller/GetHistoryRequest.js';
import type { GetHistoryResponse as _hapi_services_tiller_GetHistoryResponse, GetHistoryResponse__Output as _hapi_services_tiller_GetHistoryResponse__Output } from '../../../hapi/services/tiller/GetHistoryResponse.js';
import type { GetReleaseContentRequest as _hapi_services_tiller_GetReleaseContentRequest, GetReleaseContentRequest__Output as _hapi_services_tiller_GetReleaseContentRequest__Output } from '../../../hapi/services/tiller/GetReleaseContentRequest.js';
import type { GetReleaseContentResponse as _hapi_services_tiller_GetReleaseContentResponse, GetReleaseContentResponse__Output as _hapi_services_tiller_GetReleaseContentResponse__Output } from '../../../hapi/services/tiller/GetReleaseContentResponse.js';
import type { GetReleaseStatusRequest as _hapi_services_tiller_GetReleaseStatusRequest, GetReleaseStatusRequest__Output as _hapi_services_tiller_GetReleaseStatusRequest__Output } from '../../../hapi/services/tiller/GetReleaseStatusRequest.js';
import type { GetReleaseStatusResponse as _hapi_services_tiller_GetReleaseStatusResponse, GetReleaseStatusResponse__Output as _hapi_services_tiller_GetReleaseStatusResponse__Output } from '../../../hapi/services/tiller/GetReleaseStatusResponse.js';
import type { GetVersionRequest as _hapi_services_tiller_GetVersionRequest, GetVersionRequest__Output as _hapi_services_tiller_GetVersionRequest__Output } from '../../../hapi/services/tiller/GetVersionRequest.js';
import type { GetVersionResponse as _hapi_services_tiller_GetVersionResponse, GetVersionResponse__Output as _hapi_services_tiller_GetVersionResponse__Output } from '../../../hapi/services/tiller/GetVersionResponse.js';
import type { InstallReleaseRequest as _hapi_services_tiller_InstallReleaseRequest, InstallReleaseRequest__Output as _hapi_services_tiller_InstallReleaseRequest__Output } from '../../../hapi/services/tiller/InstallReleaseRequest.js';
import type { InstallReleaseResponse as _hapi_services_tiller_InstallReleaseResponse, InstallReleaseResponse__Output as _hapi_services_tiller_InstallReleaseResponse__Output } from '../../../hapi/services/tiller/InstallReleaseResponse.js';
import type { ListReleasesRequest as _hapi_services_tiller_ListReleasesRequest, ListReleasesRequest__Output as _hapi_services_tiller_ListReleasesRequest__Output } from '../../../hapi/services/tiller/ListReleasesRequest.js';
import type { ListReleasesResponse as _hapi_services_tiller_ListReleasesResponse, ListReleasesResponse__Output as _hapi_services_tiller_ListReleasesResponse__Output } from '../../../hapi/services/tiller/ListReleasesResponse.js';
import type { OperationEvent as _hapi_services_tiller_OperationEvent, OperationEvent__Output as _hapi_services_tiller_OperationEvent__Output } from '../../../hapi/services/tiller/OperationEvent.js';
import type { RollbackReleaseRequest as _hapi_services_tiller_RollbackReleaseRequest, RollbackReleaseRequest__Output as _hapi_services_tiller_RollbackReleaseRequest__Output } from '../../../hapi/services/tiller/RollbackReleaseRequest.js';
import type { RollbackReleaseResponse as _hapi_services_tiller_RollbackReleaseResponse, RollbackReleaseResponse__Output as _hapi_services_tiller_RollbackReleaseResponse__Output } from '../../../hapi/services/tiller/RollbackReleaseResponse.js';
import type { TestReleaseRequest as _hapi_services_tiller_TestReleaseRequest, TestReleaseRequest__Output as _hapi_services_tiller_TestReleaseRequest__Output } from '../../../hapi/services/tiller/TestReleaseRequest.js';
import type { TestReleaseResponse as _hapi_services_tiller_TestReleaseResponse, TestReleaseResponse__Output as _hapi_services_tiller_TestReleaseResponse__Output } from '../../../hapi/services/tiller/TestReleaseResponse.js';
import type { UninstallReleaseRequest as _hapi_services_tiller_UninstallReleaseRequest, UninstallReleaseRequest__Output as _hapi_services_tiller_UninstallReleaseRequest__Output } from '../../../hapi/services/tiller/UninstallReleaseRequest.js';
import type { UninstallReleaseResponse as _hapi_services_tiller_UninstallReleaseResponse, UninstallReleaseResponse__Output as _hapi_services_tiller_UninstallReleaseResponse__Output } from '../../../hapi/services/tiller/UninstallReleaseResponse.js';
import type { UpdateReleaseRequest as _hapi_services_tiller_UpdateReleaseRequest, UpdateReleaseRequest__Output as _hapi_services_tiller_UpdateReleaseRequest__Output } from '../../../hapi/services/tiller/UpdateReleaseRequest.js';
import type { UpdateReleaseResponse as _hapi_services_tiller_UpdateReleaseResponse, UpdateReleaseResponse__Output as _hapi_services_tiller_UpdateReleaseResponse__Output } from '../../../hapi/services/tiller/UpdateReleaseResponse.js';
import type { WatchOperationRequest as _hapi_services_tiller_WatchOperationRequest, WatchOperationRequest__Output as _hapi_services_tiller_WatchOperationRequest__Output } from '../../../hapi/services/tiller/WatchOperationRequest.js';

export interface ReleaseServiceClient extends grpc.Client {
  GetHistory(argument: _hapi_services_tiller_GetHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _hapi_services_tiller_GetHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _hapi_services_tiller_GetHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _hapi_services_tiller_GetHistoryRequest, callback: grpc.requestCallback<_hapi_services_tiller_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _hapi_services_tiller_GetHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _hapi_services_tiller_GetHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _hapi_services_tiller_GetHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _hapi_services_tiller_GetHistoryRequest, callback: grpc.requestCallback<_hapi_services_tiller_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  GetReleaseContent(argument: _hapi_services_tiller_GetReleaseContentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseContentResponse__Output>): grpc.ClientUnaryCall;
  GetReleaseContent(argument: _hapi_services_tiller_GetReleaseContentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseContentResponse__Output>): grpc.ClientUnaryCall;
  GetReleaseContent(argument: _hapi_services_tiller_GetReleaseContentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseContentResponse__Output>): grpc.ClientUnaryCall;
  GetReleaseContent(argument: _hapi_services_tiller_GetReleaseContentRequest, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseContentResponse__Output>): grpc.ClientUnaryCall;
  getReleaseContent(argument: _hapi_services_tiller_GetReleaseContentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseContentResponse__Output>): grpc.ClientUnaryCall;
  getReleaseContent(argument: _hapi_services_tiller_GetReleaseContentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseContentResponse__Output>): grpc.ClientUnaryCall;
  getReleaseContent(argument: _hapi_services_tiller_GetReleaseContentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseContentResponse__Output>): grpc.ClientUnaryCall;
  getReleaseContent(argument: _hapi_services_tiller_GetReleaseContentRequest, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseContentResponse__Output>): grpc.ClientUnaryCall;
  
  GetReleaseStatus(argument: _hapi_services_tiller_GetReleaseStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseStatusResponse__Output>): grpc.ClientUnaryCall;
  GetReleaseStatus(argument: _hapi_services_tiller_GetReleaseStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseStatusResponse__Output>): grpc.ClientUnaryCall;
  GetReleaseStatus(argument: _hapi_services_tiller_GetReleaseStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseStatusResponse__Output>): grpc.ClientUnaryCall;
  GetReleaseStatus(argument: _hapi_services_tiller_GetReleaseStatusRequest, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseStatusResponse__Output>): grpc.ClientUnaryCall;
  getReleaseStatus(argument: _hapi_services_tiller_GetReleaseStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseStatusResponse__Output>): grpc.ClientUnaryCall;
  getReleaseStatus(argument: _hapi_services_tiller_GetReleaseStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseStatusResponse__Output>): grpc.ClientUnaryCall;
  getReleaseStatus(argument: _hapi_services_tiller_GetReleaseStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseStatusResponse__Output>): grpc.ClientUnaryCall;
  getReleaseStatus(argument: _hapi_services_tiller_GetReleaseStatusRequest, callback: grpc.requestCallback<_hapi_services_tiller_GetReleaseStatusResponse__Output>): grpc.ClientUnaryCall;
  
  GetVersion(argument: _hapi_services_tiller_GetVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetVersionResponse__Output>): grpc.ClientUnaryCall;
  GetVersion(argument: _hapi_services_tiller_GetVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_GetVersionResponse__Output>): grpc.ClientUnaryCall;
  GetVersion(argument: _hapi_services_tiller_GetVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetVersionResponse__Output>): grpc.ClientUnaryCall;
  GetVersion(argument: _hapi_services_tiller_GetVersionRequest, callback: grpc.requestCallback<_hapi_services_tiller_GetVersionResponse__Output>): grpc.ClientUnaryCall;
  getVersion(argument: _hapi_services_tiller_GetVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetVersionResponse__Output>): grpc.ClientUnaryCall;
  getVersion(argument: _hapi_services_tiller_GetVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_GetVersionResponse__Output>): grpc.ClientUnaryCall;
  getVersion(argument: _hapi_services_tiller_GetVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_GetVersionResponse__Output>): grpc.ClientUnaryCall;
  getVersion(argument: _hapi_services_tiller_GetVersionRequest, callback: grpc.requestCallback<_hapi_services_tiller_GetVersionResponse__Output>): grpc.ClientUnaryCall;
  
  InstallRelease(argument: _hapi_services_tiller_InstallReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_InstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  InstallRelease(argument: _hapi_services_tiller_InstallReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_InstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  InstallRelease(argument: _hapi_services_tiller_InstallReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_InstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  InstallRelease(argument: _hapi_services_tiller_InstallReleaseRequest, callback: grpc.requestCallback<_hapi_services_tiller_InstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  installRelease(argument: _hapi_services_tiller_InstallReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_InstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  installRelease(argument: _hapi_services_tiller_InstallReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_InstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  installRelease(argument: _hapi_services_tiller_InstallReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_InstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  installRelease(argument: _hapi_services_tiller_InstallReleaseRequest, callback: grpc.requestCallback<_hapi_services_tiller_InstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  
  ListReleases(argument: _hapi_services_tiller_ListReleasesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_ListReleasesResponse__Output>;
  ListReleases(argument: _hapi_services_tiller_ListReleasesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_ListReleasesResponse__Output>;
  listReleases(argument: _hapi_services_tiller_ListReleasesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_ListReleasesResponse__Output>;
  listReleases(argument: _hapi_services_tiller_ListReleasesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_ListReleasesResponse__Output>;
  
  RollbackRelease(argument: _hapi_services_tiller_RollbackReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_RollbackReleaseResponse__Output>): grpc.ClientUnaryCall;
  RollbackRelease(argument: _hapi_services_tiller_RollbackReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_RollbackReleaseResponse__Output>): grpc.ClientUnaryCall;
  RollbackRelease(argument: _hapi_services_tiller_RollbackReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_RollbackReleaseResponse__Output>): grpc.ClientUnaryCall;
  RollbackRelease(argument: _hapi_services_tiller_RollbackReleaseRequest, callback: grpc.requestCallback<_hapi_services_tiller_RollbackReleaseResponse__Output>): grpc.ClientUnaryCall;
  rollbackRelease(argument: _hapi_services_tiller_RollbackReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_RollbackReleaseResponse__Output>): grpc.ClientUnaryCall;
  rollbackRelease(argument: _hapi_services_tiller_RollbackReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_RollbackReleaseResponse__Output>): grpc.ClientUnaryCall;
  rollbackRelease(argument: _hapi_services_tiller_RollbackReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_RollbackReleaseResponse__Output>): grpc.ClientUnaryCall;
  rollbackRelease(argument: _hapi_services_tiller_RollbackReleaseRequest, callback: grpc.requestCallback<_hapi_services_tiller_RollbackReleaseResponse__Output>): grpc.ClientUnaryCall;
  
  RunReleaseTest(argument: _hapi_services_tiller_TestReleaseRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_TestReleaseResponse__Output>;
  RunReleaseTest(argument: _hapi_services_tiller_TestReleaseRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_TestReleaseResponse__Output>;
  runReleaseTest(argument: _hapi_services_tiller_TestReleaseRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_TestReleaseResponse__Output>;
  runReleaseTest(argument: _hapi_services_tiller_TestReleaseRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_TestReleaseResponse__Output>;
  
  UninstallRelease(argument: _hapi_services_tiller_UninstallReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_UninstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  UninstallRelease(argument: _hapi_services_tiller_UninstallReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_UninstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  UninstallRelease(argument: _hapi_services_tiller_UninstallReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_UninstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  UninstallRelease(argument: _hapi_services_tiller_UninstallReleaseRequest, callback: grpc.requestCallback<_hapi_services_tiller_UninstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  uninstallRelease(argument: _hapi_services_tiller_UninstallReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_UninstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  uninstallRelease(argument: _hapi_services_tiller_UninstallReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_UninstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  uninstallRelease(argument: _hapi_services_tiller_UninstallReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_UninstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  uninstallRelease(argument: _hapi_services_tiller_UninstallReleaseRequest, callback: grpc.requestCallback<_hapi_services_tiller_UninstallReleaseResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateRelease(argument: _hapi_services_tiller_UpdateReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_UpdateReleaseResponse__Output>): grpc.ClientUnaryCall;
  UpdateRelease(argument: _hapi_services_tiller_UpdateReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_UpdateReleaseResponse__Output>): grpc.ClientUnaryCall;
  UpdateRelease(argument: _hapi_services_tiller_UpdateReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_UpdateReleaseResponse__Output>): grpc.ClientUnaryCall;
  UpdateRelease(argument: _hapi_services_tiller_UpdateReleaseRequest, callback: grpc.requestCallback<_hapi_services_tiller_UpdateReleaseResponse__Output>): grpc.ClientUnaryCall;
  updateRelease(argument: _hapi_services_tiller_UpdateReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_UpdateReleaseResponse__Output>): grpc.ClientUnaryCall;
  updateRelease(argument: _hapi_services_tiller_UpdateReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hapi_services_tiller_UpdateReleaseResponse__Output>): grpc.ClientUnaryCall;
  updateRelease(argument: _hapi_services_tiller_UpdateReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hapi_services_tiller_UpdateReleaseResponse__Output>): grpc.ClientUnaryCall;
  updateRelease(argument: _hapi_services_tiller_UpdateReleaseRequest, callback: grpc.requestCallback<_hapi_services_tiller_UpdateReleaseResponse__Output>): grpc.ClientUnaryCall;
  
  WatchOperation(argument: _hapi_services_tiller_WatchOperationRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_OperationEvent__Output>;
  WatchOperation(argument: _hapi_services_tiller_WatchOperationRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_OperationEvent__Output>;
  watchOperation(argument: _hapi_services_tiller_WatchOperationRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_OperationEvent__Output>;
  watchOperation(argument: _hapi_services_tiller_WatchOperationRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hapi_services_tiller_OperationEvent__Output>;
  
}

export interface ReleaseServiceHandlers extends grpc.UntypedServiceImplementation {
  GetHistory: grpc.handleUnaryCall<_hapi_services_tiller_GetHistoryRequest__Output, _hapi_services_tiller_GetHistoryResponse>;
  
  GetReleaseContent: grpc.handleUnaryCall<_hapi_services_tiller_GetReleaseContentRequest__Output, _hapi_services_tiller_GetReleaseContentResponse>;
  
  GetReleaseStatus: grpc.handleUnaryCall<_hapi_services_tiller_GetReleaseStatusRequest__Output, _hapi_services_tiller_GetReleaseStatusResponse>;
  
  GetVersion: grpc.handleUnaryCall<_hapi_services_tiller_GetVersionRequest__Output, _hapi_services_tiller_GetVersionResponse>;
  
  InstallRelease: grpc.handleUnaryCall<_hapi_services_tiller_InstallReleaseRequest__Output, _hapi_services_tiller_InstallReleaseResponse>;
  
  ListReleases: grpc.handleServerStreamingCall<_hapi_services_tiller_ListReleasesRequest__Output, _hapi_services_tiller_ListReleasesResponse>;
  
  RollbackRelease: grpc.handleUnaryCall<_hapi_services_tiller_RollbackReleaseRequest__Output, _hapi_services_tiller_RollbackReleaseResponse>;
  
  RunReleaseTest: grpc.handleServerStreamingCall<_hapi_services_tiller_TestReleaseRequest__Output, _hapi_services_tiller_TestReleaseResponse>;
  
  UninstallRelease: grpc.handleUnaryCall<_hapi_services_tiller_UninstallReleaseRequest__Output, _hapi_services_tiller_UninstallReleaseResponse>;
  
  UpdateRelease: grpc.handleUnaryCall<_hapi_services_tiller_UpdateReleaseRequest__Output, _hapi_services_tiller_UpdateReleaseResponse>;
  
  WatchOperation: grpc.handleServerStreamingCall<_hapi_services_tiller_WatchOperationRequest__Output, _hapi_services_tiller_OperationEvent>;
  
}

export interface ReleaseServiceDefinition extends grpc.ServiceDefinition {
  GetHistory: MethodDefinition<_hapi_services_tiller_GetHistoryRequest, _hapi_services_tiller_GetHistoryResponse, _hapi_services_tiller_GetHistoryRequest__Output, _hapi_services_tiller_GetHistoryResponse__Output>
  GetReleaseContent: MethodDefinition<_hapi_services_tiller_GetReleaseContentRequest, _hapi_services_tiller_GetReleaseContentResponse, _hapi_services_tiller_GetReleaseContentRequest__Output, _hapi_services_tiller_GetReleaseContentResponse__Output>
  GetReleaseStatus: MethodDefinition<_hapi_services_tiller_GetReleaseStatusRequest, _hapi_services_tiller_GetReleaseStatusResponse, _hapi_services_tiller_GetReleaseStatusRequest__Output, _hapi_services_tiller_GetReleaseStatusResponse__Output>
  GetVersion: MethodDefinition<_hapi_services_tiller_GetVersionRequest, _hapi_services_tiller_GetVersionResponse, _hapi_services_tiller_GetVersionRequest__Output, _hapi_services_tiller_GetVersionResponse__Output>
  InstallRelease: MethodDefinition<_hapi_services_tiller_InstallReleaseRequest, _hapi_services_tiller_InstallReleaseResponse, _hapi_services_tiller_InstallReleaseRequest__Output, _hapi_services_tiller_InstallReleaseResponse__Output>
  ListReleases: MethodDefinition<_hapi_services_tiller_ListReleasesRequest, _hapi_services_tiller_ListReleasesResponse, _hapi_services_tiller_ListReleasesRequest__Output, _hapi_services_tiller_ListReleasesResponse__Output>
  RollbackRelease: MethodDefinition<_hapi_services_tiller_RollbackReleaseRequest, _hapi_services_tiller_RollbackReleaseResponse, _hapi_services_tiller_RollbackReleaseRequest__Output, _hapi_services_tiller_RollbackReleaseResponse__Output>
  RunReleaseTest: MethodDefinition<_hapi_services_tiller_TestReleaseRequest, _hapi_services_tiller_TestReleaseResponse, _hapi_services_tiller_TestReleaseRequest__Output, _hapi_services_tiller_TestReleaseResponse__Output>
  UninstallRelease: MethodDefinition<_hapi_services_tiller_UninstallReleaseRequest, _hapi_services_tiller_UninstallReleaseResponse, _hapi_services_tiller_UninstallReleaseRequest__Output, _hapi_services_tiller_UninstallReleaseResponse__Output>
  UpdateRelease: MethodDefinition<_hapi_services_tiller_UpdateReleaseRequest, _hapi_services_tiller_UpdateReleaseResponse, _hapi_services_tiller_UpdateReleaseRequest__Output, _hapi_services_tiller_UpdateReleaseResponse__Output>
  WatchOperation: MethodDefinition<_hapi_services_tiller_WatchOperationRequest, _hapi_services_tiller_OperationEvent, _hapi_services_tiller_WatchOperationRequest__Output, _hapi_services_tiller_OperationEvent__Output>
}
