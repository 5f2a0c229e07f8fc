using System.Globalization;

namespace AgentPlatform.DaprSidecar.Cluster;

/// <summary>Where one app replica finds its sidecar, and the environment to start that replica with.</summary>
/// <param name="Replica">The replica index (the order of <see cref="DaprTestClusterOptions.AppPorts"/>).</param>
/// <param name="AppPort">The port the app replica listens on.</param>
/// <param name="HttpPort">The sidecar's HTTP API port (<c>DAPR_HTTP_PORT</c>).</param>
/// <param name="GrpcPort">The sidecar's gRPC API port (<c>DAPR_GRPC_PORT</c>).</param>
public sealed record SidecarEndpoints(int Replica, int AppPort, int HttpPort, int GrpcPort)
{
    /// <summary>The HTTP API address (<c>DAPR_HTTP_ENDPOINT</c>).</summary>
    public Uri HttpEndpoint => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The gRPC API address (<c>DAPR_GRPC_ENDPOINT</c>).</summary>
    public Uri GrpcEndpoint => new($"http://127.0.0.1:{GrpcPort.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The environment variables to give the app replica, as <c>dapr run</c> and the injector would, plus the
    /// tokens when the cluster uses them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
