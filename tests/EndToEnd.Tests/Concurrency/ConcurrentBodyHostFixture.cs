using AgentPlatform.EndToEnd.Tests.Host;

namespace AgentPlatform.EndToEnd.Tests.Concurrency;

/// <summary>A real host tuned for load: no post cooldown and a key rate limit that never throttles the test's clients.</summary>
public sealed class ConcurrentBodyHostFixture : HostProcessFixture
{
    protected override IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["Channels__PostCooldown"] = "00:00:00",
        ["Api__RateLimit__PermitsPerSecond"] = "1000000",
        ["Api__RateLimit__Burst"] = "1000000",
        ["Api__RegistrationRateLimit__PermitsPerSecond"] = "1000000",
        ["Api__RegistrationRateLimit__Burst"] = "1000000",
    };
}
