using AgentPlatform.EndToEnd.Tests.Channels;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

public sealed class DaprChannelHostileInputTests(DaprChannelHostileInputFixture fixture, ITestOutputHelper output)
    : ChannelHostileInputSuite(fixture, output), IClassFixture<DaprChannelHostileInputFixture>;
