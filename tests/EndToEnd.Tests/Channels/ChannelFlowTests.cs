namespace AgentPlatform.EndToEnd.Tests.Channels;

public sealed class ChannelFlowTests(ChannelHostFixture fixture) : ChannelFlowSuite(fixture), IClassFixture<ChannelHostFixture>;
