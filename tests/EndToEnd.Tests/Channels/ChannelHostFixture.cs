using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Channels;

/// <summary>One real host for the channel tests: a 3-second post cooldown, a 2-second ack timeout, a generous key rate limit.</summary>
public sealed class ChannelHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan PostCooldown = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(2);

    private HostProcess? _host;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartNewAsync(
            null,
            new Dictionary<string, string>
            {
                ["Channels__PostCooldown"] = PostCooldown.ToString("c"),
                ["Inbox__AckTimeout"] = AckTimeout.ToString("c"),
                ["Api__RateLimit__PermitsPerSecond"] = "1000",
                ["Api__RateLimit__Burst"] = "1000",
            },
            TestTimeout.After(90));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
