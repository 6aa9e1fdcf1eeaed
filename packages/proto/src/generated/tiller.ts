import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from './google/protobuf/Any.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { Chart as _hapi_chart_Chart, Chart__Output as _hapi_chart_Chart__Output } from './hapi/chart/Chart.js';
import type { Config as _hapi_chart_Config, Config__Output as _hapi_chart_Config__Output } from './hapi/chart/Config.js';
import type { Maintainer as _hapi_chart_Maintainer, Maintainer__Output as _hapi_chart_Maintainer__Output } from './hapi/chart/Maintainer.js';
import type { Metadata as _hapi_chart_Metadata, Metadata__Output as _hapi_chart_Metadata__Output } from './hapi/chart/Metadata.js';
import type { Template as _hapi_chart_Template, Template__Output as _hapi_chart_Template__Output } from './hapi/chart/Template.js';
import type { Value as _hapi_chart_Value, Value__Output as _hapi_chart_Value__Output } from './hapi/chart/Value.js';
import type { Hook as _hapi_release_Hook, Hook__Output as _hapi_release_Hook__Output } from './hapi/release/Hook.js';
import type { Info as _hapi_release_Info, Info__Output as _hapi_release_Info__Output } from './hapi/release/Info.js';
import type { Release as _hapi_release_Release, Release__Output as _hapi_release_Release__Output } from './hapi/release/Release.js';
import type { Status as _hapi_release_Status, Status__Output as _hapi_release_Status__Output } from './hapi/release/Status.js';
import type { TestRun as _hapi_release_TestRun, TestRun__Output as _hapi_release_TestRun__Output } from './hapi/release/TestRun.js';
import type { TestSuite as _hapi_release_TestSuite, TestSuite__Output as _hapi_release_TestSuite__Output } from './hapi/release/TestSuite.js';
import type { GetHistoryRequest as _hapi_services_tiller_GetHistoryRequest, GetHistoryRequest__Output as _hapi_services_tiller_GetHistoryRequest__Output } from './hapi/services/tiller/GetHistoryRequest.js';
import type { GetHistoryResponse as _hapi_services_tiller_GetHistoryResponse, GetHistoryResponse__Output as _hapi_services_tiller_GetHistoryResponse__Output } from './hapi/services/tiller/GetHistoryResponse.js';
import type { GetReleaseContentRequest as _hapi_services_tiller_GetReleaseContentRequest, GetReleaseContentRequest__Output as _hapi_services_tiller_GetReleaseContentRequest__Output } from './hapi/services/tiller/GetReleaseContentRequest.js';
import type { GetReleaseContentResponse as _hapi_services_tiller_GetReleaseContentResponse, GetReleaseContentResponse__Output as _hapi_services_tiller_GetReleaseContentResponse__Output } from './hapi/services/tiller/GetReleaseContentResponse.js';
import type { GetReleaseStatusRequest as _hapi_services_tiller_GetReleaseStatusRequest, GetReleaseStatusRequest__Output as _hapi_services_tiller_GetReleaseStatusRequest__Output } from './hapi/services/tiller/GetReleaseStatusRequest.js';
import type { GetReleaseStatusResponse as _hapi_services_tiller_GetReleaseStatusResponse, GetReleaseStatusResponse__Output as _hapi_services_tiller_GetReleaseStatusResponse__Output } from './hapi/services/tiller/GetReleaseStatusResponse.js';
import type { GetVersionRequest as _hapi_services_tiller_GetVersionRequest, GetVersionRequest__Output as _hapi_services_tiller_GetVersionRequest__Output } from './hapi/services/tiller/GetVersionRequest.js';
import type { GetVersionResponse as _hapi_services_tiller_GetVersionResponse, GetVersionResponse__Output as _hapi_services_tiller_GetVersionResponse__Output } from './hapi/services/tiller/GetVersionResponse.js';
import type { HookRun as _hapi_services_tiller_HookRun, HookRun__Output as _hapi_services_tiller_HookRun__Output } from './hapi/services/tiller/HookRun.js';
import type { InstallReleaseRequest as _hapi_services_tiller_InstallReleaseRequest, InstallReleaseRequest__Output as _hapi_services_tiller_InstallReleaseRequest__Output } from './hapi/services/tiller/InstallReleaseRequest.js';
import type { InstallReleaseResponse as _hapi_services_tiller_InstallReleaseResponse, InstallReleaseResponse__Output as _hapi_services_tiller_InstallReleaseResponse__Output } from './hapi/services/tiller/InstallReleaseResponse.js';
import type { ListReleasesRequest as _hapi_services_tiller_ListReleasesRequest, ListReleasesRequest__Output as _hapi_services_tiller_ListReleasesRequest__Output } from './hapi/services/tiller/ListReleasesRequest.js';
import type { ListReleasesResponse as _hapi_services_tiller_ListReleasesResponse, ListReleasesResponse__Output as _hapi_services_tiller_ListReleasesResponse__Output } from './hapi/services/tiller/ListReleasesResponse.js';
import type { ListSort as _hapi_services_tiller_ListSort, ListSort__Output as _hapi_services_tiller_ListSort__Output } from './hapi/services/tiller/ListSort.js';
import type { OperationEvent as _hapi_services_tiller_OperationEvent, OperationEvent__Output as _hapi_services_tiller_OperationEvent__Output } from './hapi/services/tiller/OperationEvent.js';
import type { OperationResult as _hapi_services_tiller_OperationResult, OperationResult__Output as _hapi_services_tiller_OperationResult__Output } from './hapi/services/tiller/OperationResult.js';
import type { PhaseChange as _hapi_services_tiller_PhaseChange, PhaseChange__Output as _hapi_services_tiller_PhaseChange__Output } from './hapi/services/tiller/PhaseChange.js';
import type { ReadinessUpdate as _hapi_services_tiller_ReadinessUpdate, ReadinessUpdate__Output as _hapi_services_tiller_ReadinessUpdate__Output } from './hapi/services/tiller/ReadinessUpdate.js';
import type { ReleaseServiceClient as _hapi_services_tiller_ReleaseServiceClient, ReleaseServiceDefinition as _hapi_services_tiller_ReleaseServiceDefinition } from './hapi/services/tiller/ReleaseService.js';
import type { ResourceChange as _hapi_services_tiller_ResourceChange, ResourceChange__Output as _hapi_services_tiller_ResourceChange__Output } from './hapi/services/tiller/ResourceChange.js';
import type { RollbackReleaseRequest as _hapi_services_tiller_RollbackReleaseRequest, RollbackReleaseRequest__Output as _hapi_services_tiller_RollbackReleaseRequest__Output } from './hapi/services/tiller/RollbackReleaseRequest.js';
import type { RollbackReleaseResponse as _hapi_services_tiller_RollbackReleaseResponse, RollbackReleaseResponse__Output as _hapi_services_tiller_RollbackReleaseResponse__Output } from './hapi/services/tiller/RollbackReleaseResponse.js';
import type { TestReleaseRequest as _hapi_services_tiller_TestReleaseRequest, TestReleaseRequest__Output as _hapi_services_tiller_TestReleaseRequest__Output } from './hapi/services/tiller/TestReleaseRequest.js';
import type { TestReleaseResponse as _hapi_services_tiller_TestReleaseResponse, TestReleaseResponse__Output as _hapi_services_tiller_TestReleaseResponse__Output } from './hapi/services/tiller/TestReleaseResponse.js';
import type { UninstallReleaseRequest as _hapi_services_tiller_UninstallReleaseRequest, UninstallReleaseRequest__Output as _hapi_services_tiller_UninstallReleaseRequest__Output } from './hapi/services/tiller/UninstallReleaseRequest.js';
import type { UninstallReleaseResponse as _hapi_services_tiller_UninstallReleaseResponse, UninstallReleaseResponse__Output as _hapi_services_tiller_UninstallReleaseResponse__Output } from './hapi/services/tiller/UninstallReleaseResponse.js';
import type { UpdateReleaseRequest as _hapi_services_tiller_UpdateReleaseRequest, UpdateReleaseRequest__Output as _hapi_services_tiller_UpdateReleaseRequest__Output } from './hapi/services/tiller/UpdateReleaseRequest.js';
import type { UpdateReleaseResponse as _hapi_services_tiller_UpdateReleaseResponse, UpdateReleaseResponse__Output as _hapi_services_tiller_UpdateReleaseResponse__Output } from './hapi/services/tiller/UpdateReleaseResponse.js';
import type { WatchOperationRequest as _hapi_services_tiller_WatchOperationRequest, WatchOperationRequest__Output as _hapi_services_tiller_WatchOperationRequest__Output } from './hapi/services/tiller/WatchOperationRequest.js';
import type { Version as _hapi_version_Version, Version__Output as _hapi_version_Version__Output } from './hapi/version/Version.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Any: MessageTypeDefinition<_google_protobuf_Any, _google_protobuf_Any__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  hapi: {
    chart: {
      Chart: MessageTypeDefinition<_hapi_chart_Chart, _hapi_chart_Chart__Output>
      Config: MessageTypeDefinition<_hapi_chart_Config, _hapi_chart_Config__Output>
      Maintainer: MessageTypeDefinition<_hapi_chart_Maintainer, _hapi_chart_Maintainer__Output>
      Metadata: MessageTypeDefinition<_hapi_chart_Metadata, _hapi_chart_Metadata__Output>
      Template: MessageTypeDefinition<_hapi_chart_Template, _hapi_chart_Template__Output>
      Value: MessageTypeDefinition<_hapi_chart_Value, _hapi_chart_Value__Output>
    }
    release: {
      Hook: MessageTypeDefinition<_hapi_release_Hook, _hapi_release_Hook__Output>
      Info: MessageTypeDefinition<_hapi_release_Info, _hapi_release_Info__Output>
      Release: MessageTypeDefinition<_hapi_release_Release, _hapi_release_Release__Output>
      Status: MessageTypeDefinition<_hapi_release_Status, _hapi_release_Status__Output>
      TestRun: MessageTypeDefinition<_hapi_release_TestRun, _hapi_release_TestRun__Output>
      TestSuite: MessageTypeDefinition<_hapi_release_TestSuite, _hapi_release_TestSuite__Output>
    }
    services: {
      tiller: {
        GetHistoryRequest: MessageTypeDefinition<_hapi_services_tiller_GetHistoryRequest, _hapi_services_tiller_GetHistoryRequest__Output>
        GetHistoryResponse: MessageTypeDefinition<_hapi_services_tiller_GetHistoryResponse, _hapi_services_tiller_GetHistoryResponse__Output>
        GetReleaseContentRequest: MessageTypeDefinition<_hapi_services_tiller_GetReleaseContentRequest, _hapi_services_tiller_GetReleaseContentRequest__Output>
        GetReleaseContentResponse: MessageTypeDefinition<_hapi_services_tiller_GetReleaseContentResponse, _hapi_services_tiller_GetReleaseContentResponse__Output>
        GetReleaseStatusRequest: MessageTypeDefinition<_hapi_services_tiller_GetReleaseStatusRequest, _hapi_services_tiller_GetReleaseStatusRequest__Output>
        GetReleaseStatusResponse: MessageTypeDefinition<_hapi_services_tiller_GetReleaseStatusResponse, _hapi_services_tiller_GetReleaseStatusResponse__Output>
        GetVersionRequest: MessageTypeDefinition<_hapi_services_tiller_GetVersionRequest, _hapi_services_tiller_GetVersionRequest__Output>
        GetVersionResponse: MessageTypeDefinition<_hapi_services_tiller_GetVersionResponse, _hapi_services_tiller_GetVersionResponse__Output>
        HookRun: MessageTypeDefinition<_hapi_services_tiller_HookRun, _hapi_services_tiller_HookRun__Output>
        InstallReleaseRequest: MessageTypeDefinition<_hapi_services_tiller_InstallReleaseRequest, _hapi_services_tiller_InstallReleaseRequest__Output>
        InstallReleaseResponse: MessageTypeDefinition<_hapi_services_tiller_InstallReleaseResponse, _hapi_services_tiller_InstallReleaseResponse__Output>
        ListReleasesRequest: MessageTypeDefinition<_hapi_services_tiller_ListReleasesRequest, _hapi_services_tiller_ListReleasesRequest__Output>
        ListReleasesResponse: MessageTypeDefinition<_hapi_services_tiller_ListReleasesResponse, _hapi_services_tiller_ListReleasesResponse__Output>
        ListSort: MessageTypeDefinition<_hapi_services_tiller_ListSort, _hapi_services_tiller_ListSort__Output>
        OperationEvent: MessageTypeDefinition<_hapi_services_tiller_OperationEvent, _hapi_services_tiller_OperationEvent__Output>
        OperationResult: MessageTypeDefinition<_hapi_services_tiller_OperationResult, _hapi_services_tiller_OperationResult__Output>
        PhaseChange: MessageTypeDefinition<_hapi_services_tiller_PhaseChange, _hapi_services_tiller_PhaseChange__Output>
        ReadinessUpdate: MessageTypeDefinition<_hapi_services_tiller_ReadinessUpdate, _hapi_services_tiller_ReadinessUpdate__Output>
        ReleaseService: SubtypeConstructor<typeof grpc.Client, _hapi_services_tiller_ReleaseServiceClient> & { service: _hapi_services_tiller_ReleaseServiceDefinition }
        ResourceChange: MessageTypeDefinition<_hapi_services_tiller_ResourceChange, _hapi_services_tiller_ResourceChange__Output>
        RollbackReleaseRequest: MessageTypeDefinition<_hapi_services_tiller_RollbackReleaseRequest, _hapi_services_tiller_RollbackReleaseRequest__Output>
        RollbackReleaseResponse: MessageTypeDefinition<_hapi_services_tiller_RollbackReleaseResponse, _hapi_services_tiller_RollbackReleaseResponse__Output>
        TestReleaseRequest: MessageTypeDefinition<_hapi_services_tiller_TestReleaseRequest, _hapi_services_tiller_TestReleaseRequest__Output>
        TestReleaseResponse: MessageTypeDefinition<_hapi_services_tiller_TestReleaseResponse, _hapi_services_tiller_TestReleaseResponse__Output>
        UninstallReleaseRequest: MessageTypeDefinition<_hapi_services_tiller_UninstallReleaseRequest, _hapi_services_tiller_UninstallReleaseRequest__Output>
        UninstallReleaseResponse: MessageTypeDefinition<_hapi_services_tiller_UninstallReleaseResponse, _hapi_services_tiller_UninstallReleaseResponse__Output>
        UpdateReleaseRequest: MessageTypeDefinition<_hapi_services_tiller_UpdateReleaseRequest, _hapi_services_tiller_UpdateReleaseRequest__Output>
        UpdateReleaseResponse: MessageTypeDefinition<_hapi_services_tiller_UpdateReleaseResponse, _hapi_services_tiller_UpdateReleaseResponse__Output>
        WatchOperationRequest: MessageTypeDefinition<_hapi_services_tiller_WatchOperationRequest, _hapi_services_tiller_WatchOperationRequest__Output>
      }
    }
    version: {
      Version: MessageTypeDefinition<_hapi_version_Version, _hapi_version_Version__Output>
    }
  }
}

