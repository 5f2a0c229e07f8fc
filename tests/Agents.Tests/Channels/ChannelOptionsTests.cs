using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Tests.Channels;

public sealed class ChannelOptionsTests
{
    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        var channels = new ChannelOptions { PostCooldown = TimeSpan.FromSeconds(-1), MaxReadLimit = 10, DefaultReadLimit = 11 };
        var inbox = new InboxOptions { AckTimeout = TimeSpan.Zero, MaxAttemptsLow = 0 };

        var error = Assert.Throws<OptionsValidationException>(() => ChannelSystem.Create(channels, inbox));

        Assert.Contains(error.Failures, f => f.Contains("PostCooldown", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("DefaultReadLimit", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("AckTimeout", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxAttempts", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_are_valid_and_host_the_three_actor_types()
    {
        var system = ChannelSystem.Create(new ChannelOptions(), new InboxOptions());

        Assert.Equal(["channel", "channel-directory", "inbox"], system.ActorTypes.Select(t => t.Type));
        Assert.Equal(TimeSpan.FromMinutes(2), new ChannelOptions().PostCooldown);
        Assert.Equal(TimeSpan.FromSeconds(30), new InboxOptions().AckTimeout);
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("a-1-b", true)]
    [InlineData("ab", false)]
    [InlineData("Abc", false)]
    [InlineData("a_b", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void Channel_ids_are_lower_case_slugs(string text, bool valid)
    {
        Assert.Equal(valid, ChannelId.TryParse(text, out var id));
        Assert.Equal(valid ? text : null, id.Value);
    }
}
