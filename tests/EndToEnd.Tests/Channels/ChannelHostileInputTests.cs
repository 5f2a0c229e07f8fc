using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Channels;

public sealed class ChannelHostileInputTests(ChannelHostileInputFixture fixture, ITestOutputHelper output)
    : ChannelHostileInputSuite(fixture, output), IClassFixture<ChannelHostileInputFixture>;
