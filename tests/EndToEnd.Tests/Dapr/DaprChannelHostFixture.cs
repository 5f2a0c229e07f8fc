using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Host;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>The channel tests' host, in Dapr mode behind its own daprd double.</summary>
public sealed class DaprChannelHostFixture : ChannelHostFixture
{
    protected override HostRuntime Runtime => HostRuntime.Dapr;
}
