using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Tests.Core;

public sealed class AgentIdTests
{
    [Fact]
    public void Create_and_Parse_agree_on_the_type_key_wire_form()
    {
        var id = AgentId.Create("writer", "conversation-1");

        Assert.Equal("writer/conversation-1", id.ToString());
        Assert.Equal(id, AgentId.Parse("writer/conversation-1"));
        Assert.Equal(ActorId.Create("writer", "conversation-1"), id.ToActorId());
        Assert.Equal(id, AgentId.FromActorId(id.ToActorId()));
    }

    [Theory]
    [InlineData("writer:conversation-1", "writer", "conversation-1")]
    [InlineData("writer:room:7", "writer", "room:7")]
    [InlineData("a:b", "a", "b")]
    public void Parse_accepts_the_colon_form_and_prints_the_slash_form(string text, string type, string key)
    {
        var id = AgentId.Parse(text);

        Assert.Equal(AgentId.Create(type, key), id);
        Assert.Equal($"{type}/{key}", id.ToString());
    }

    [Fact]
    public void The_slash_form_wins_when_both_separators_appear() =>
        Assert.Equal(AgentId.Create("writer:main", "k"), AgentId.Parse("writer:main/k"));

    [Theory]
    [InlineData("", "key")]
    [InlineData("type", "")]
    [InlineData("ty/pe", "key")]
    [InlineData("type", "k#y")]
    [InlineData("..", "key")]
    public void Create_rejects_invalid_parts(string type, string key) =>
        Assert.Throws<ArgumentException>(() => AgentId.Create(type, key));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-slash")]
    [InlineData("/key")]
    [InlineData("type/")]
    [InlineData("a/b/c")]
    [InlineData(":key")]
    [InlineData("type:")]
    public void TryParse_rejects_malformed_text(string? text)
    {
        Assert.False(AgentId.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => AgentId.Parse(text));
        }
    }

    [Fact]
    public void TopicId_validates_and_prints_type_source()
    {
        var topic = TopicId.Create("news", "room-7");

        Assert.Equal("news/room-7", topic.ToString());
        Assert.Equal(topic, TopicId.Parse("news/room-7"));
        Assert.False(TopicId.TryParse("news", out _));
        Assert.Throws<ArgumentException>(() => TopicId.Create("news", "a?b"));
    }

    [Fact]
    public void Ids_serialize_as_their_wire_form()
    {
        var json = JsonSerializer.Serialize(new { Agent = AgentId.Create("a", "b"), Topic = TopicId.Create("t", "s") });

        Assert.Equal("""{"Agent":"a/b","Topic":"t/s"}""", json);
        Assert.Equal(AgentId.Create("a", "b"), JsonSerializer.Deserialize<AgentId>("\"a/b\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AgentId>("\"nope\""));
    }

    [Fact]
    public void Subscriptions_match_topics_and_map_the_source_to_the_key()
    {
        var typed = new TypeSubscription("news", "reader");
        var prefixed = new TypePrefixSubscription("ne", "digest");
        var topic = TopicId.Create("news", "room-1");

        Assert.True(typed.Matches(topic));
        Assert.False(typed.Matches(TopicId.Create("newsletter", "x")));
        Assert.True(prefixed.Matches(TopicId.Create("newsletter", "x")));
        Assert.False(prefixed.Matches(TopicId.Create("sports", "x")));
        Assert.Equal(AgentId.Create("reader", "room-1"), typed.MapToAgent(topic));
        Assert.Equal(new TypeSubscription("news", "reader").Id, typed.Id);
        Assert.NotEqual(typed.Id, new TypePrefixSubscription("news", "reader").Id);
    }
}
