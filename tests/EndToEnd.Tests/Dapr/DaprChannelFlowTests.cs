using AgentPlatform.EndToEnd.Tests.Channels;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

public sealed class DaprChannelFlowTests(DaprChannelHostFixture fixture) : ChannelFlowSuite(fixture), IClassFixture<DaprChannelHostFixture>;
