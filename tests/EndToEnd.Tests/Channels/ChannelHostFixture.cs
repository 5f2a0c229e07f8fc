using AgentPlatform.EndToEnd.Tests.Host;

namespace AgentPlatform.EndToEnd.Tests.Channels;

/// <summary>One real host for the channel tests: a 3-second post cooldown, a 2-second ack timeout, a generous key rate limit.</summary>
public class ChannelHostFixture : HostProcessFixture
{
    public static readonly TimeSpan PostCooldown = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["Channels__PostCooldown"] = PostCooldown.ToString("c"),
        ["Inbox__AckTimeout"] = AckTimeout.ToString("c"),
        ["Api__RateLimit__PermitsPerSecond"] = "1000",
        ["Api__RateLimit__Burst"] = "1000",
        ["Api__RegistrationRateLimit__PermitsPerSecond"] = "1000",
        ["Api__RegistrationRateLimit__Burst"] = "1000",
    };
}
