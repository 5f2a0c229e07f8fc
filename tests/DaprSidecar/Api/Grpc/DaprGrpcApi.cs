using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Api.Grpc;

/// <summary>daprd's gRPC API on one sidecar, over the cluster's shared state, broker and secrets.</summary>
internal sealed partial class DaprGrpcApi(ClusterRuntime cluster, Sidecar sidecar) : DaprServiceBase
{
    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
