using Microsoft.Extensions.Configuration;

namespace AgentPlatform.Api.Grpc;

/// <summary>Settings of the gRPC API (section <c>Grpc</c>).</summary>
public sealed class GrpcApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Grpc";

    /// <summary>The h2c (HTTP/2 without TLS) port the gRPC API listens on, on the same address as the first HTTP URL;
    /// 0 (the default) turns the gRPC API off.</summary>
    public int Port { get; set; }

    /// <summary>True when <see cref="Port"/> names a port to serve on.</summary>
    public bool IsEnabled => Port is > 0 and <= MaxPort;

    /// <summary>The highest TCP port.</summary>
    public const int MaxPort = 65535;

    /// <summary>Reads the section from <paramref name="configuration"/>.</summary>
    public static GrpcApiOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<GrpcApiOptions>() ?? new GrpcApiOptions();
}
