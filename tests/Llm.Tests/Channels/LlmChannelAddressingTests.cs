using AgentPlatform.Agents.Channels;
using AgentPlatform.Llm.Channels;

namespace AgentPlatform.Llm.Tests.Channels;

public sealed class LlmChannelAddressingTests
{
    [Theory]
    [InlineData("@helper can you look?", "", true)]
    [InlineData("thanks @llm/helper.", "", true)]
    [InlineData("ask @helper, please", "", true)]
    [InlineData("plain content", "for @helper", true)]
    [InlineData("@helpers are everywhere", "", false)]
    [InlineData("@helper-bot is another agent", "", false)]
    [InlineData("helper without the at sign", "", false)]
    [InlineData("mail me at x@helper", "", false)]
    public void APostIsAddressedToAnAgentItMentions(string content, string title, bool addressed)
    {
        Assert.Equal(addressed, LlmChannelAddressing.IsAddressedTo(Post("agent-1", content, title), "helper"));
    }

    [Fact]
    public void AnAgentsOwnPostsSystemMessagesAndDirectMessagesAreNotAddressedToIt()
    {
        Assert.False(LlmChannelAddressing.IsAddressedTo(Post("llm:helper", "@helper note to self"), "helper"));
        Assert.False(LlmChannelAddressing.IsAddressedTo(Post("agent-1", "@helper joined") with { Kind = MessageKind.System }, "helper"));
        Assert.False(LlmChannelAddressing.IsAddressedTo(Post("agent-1", "@helper hi") with { ChannelId = null, Kind = MessageKind.Direct }, "helper"));
    }

    [Fact]
    public void AnAnswerIsTitledWithThePostsSequence() => Assert.Equal("re: #42", LlmChannelAddressing.AnswerTitle(42));

    private static ChannelMessage Post(string sender, string content, string title = "") => new()
    {
        Id = Guid.CreateVersion7().ToString(),
        ChannelId = "lobby",
        SenderId = sender,
        Kind = MessageKind.Post,
        Title = title,
        Content = content,
        CreatedAt = DateTimeOffset.UnixEpoch,
        Sequence = 7,
    };
}
