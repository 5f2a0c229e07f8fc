using AgentPlatform.EndToEnd.Tests.Channels;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>The channel hostile-input set-up on a Dapr-mode host.</summary>
public sealed class DaprChannelHostileInputFixture() : ChannelHostileInputFixture(new DaprChannelHostFixture());
