using AgentPlatform.EndToEnd.Tests.Host;
using AgentPlatform.EndToEnd.Tests.OpenApi;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>The OpenAPI hostile-input set-up on a Dapr-mode host.</summary>
public sealed class DaprOpenApiHostileFixture : OpenApiHostileFixture
{
    protected override HostRuntime Runtime => HostRuntime.Dapr;
}
