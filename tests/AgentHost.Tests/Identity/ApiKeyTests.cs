using AgentPlatform.Agents.Identity;

namespace AgentPlatform.AgentHost.Tests.Identity;

public sealed class ApiKeyTests
{
    [Fact]
    public void A_created_key_parses_back_to_its_agent_and_matches_only_its_own_hash()
    {
        var agentId = ApiKey.NewAgentId();
        var (key, record) = ApiKey.Create(agentId, DateTimeOffset.UnixEpoch);
        var (_, otherRecord) = ApiKey.Create(agentId, DateTimeOffset.UnixEpoch);

        Assert.True(ApiKey.TryParse(key, out var keyId, out var secret));
        Assert.Equal(record.KeyId, keyId);
        Assert.Equal(agentId, ApiKey.AgentIdOf(keyId));
        Assert.True(ApiKey.Matches(record, secret));
        Assert.False(ApiKey.Matches(otherRecord, secret));
        Assert.DoesNotContain(secret, record.Hash, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret.Replace('-', '+').Replace('_', '/') + "=").Length);
    }

    [Fact]
    public void Keys_are_unique() =>
        Assert.Equal(1000, Enumerable.Range(0, 1000).Select(_ => ApiKey.Create(ApiKey.NewAgentId(), DateTimeOffset.UnixEpoch).Key).Distinct().Count());

    [Theory]
    [InlineData("")]
    [InlineData("apk_")]
    [InlineData("APK_0123456789abcdef0123456789ab.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("apk_0123456789ABCDEF0123456789ab.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("apk_0123456789abcdef0123456789ab-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("apk_0123456789abcdef0123456789ab.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")]
    [InlineData("apk_0123456789abcdef0123456789ab.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Malformed_keys_do_not_parse(string key) => Assert.False(ApiKey.TryParse(key, out _, out _));

    [Fact]
    public void A_corrupt_stored_hash_never_matches() =>
        Assert.False(ApiKey.Matches(new ApiKeyRecord("k", "not base64!", DateTimeOffset.UnixEpoch), "secret"));
}
