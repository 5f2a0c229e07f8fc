using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr.Actors;

namespace AgentPlatform.Runtime.Dapr.Tests.Actors;

public sealed class DaprNameCodecTests
{
    [Theory]
    [InlineData("agent-1_x:y@z")]
    [InlineData("0190f3a2b7c84e1f9d2a6b5c4d3e2f10")]
    public void Names_daprd_accepts_as_they_are_pass_unchanged(string name) => Assert.Equal(name, DaprNameCodec.Encode(name));

    [Theory]
    [InlineData("a%2Fb", "a~252Fb")]
    [InlineData("msg/42", "msg~2F42")]
    [InlineData("x.y", "x~2Ey")]
    [InlineData("a b", "a~20b")]
    [InlineData("tilde~", "tilde~7E")]
    [InlineData("grüße", "gr~C3~BC~C3~9Fe")]
    public void Other_characters_become_hex_escapes_that_decode_back(string name, string encoded)
    {
        Assert.Equal(encoded, DaprNameCodec.Encode(name));
        Assert.Equal(name, DaprNameCodec.Decode(encoded));
    }

    [Fact]
    public void Every_encoded_name_is_one_daprd_accepts_and_the_mapping_is_reversible()
    {
        string[] names = [".", "..", "a/b", "a\\b", "#?", "\t", "😀 emoji", "%%", "~~", "cooldown/agent-1", "..."];
        foreach (var name in names)
        {
            var encoded = DaprNameCodec.Encode(name);
            Assert.True(ActorNames.IsValid(encoded), $"'{encoded}' (from '{name}') would be refused by daprd");
            Assert.DoesNotContain('%', encoded);
            Assert.Equal(name, DaprNameCodec.Decode(encoded));
        }

        Assert.Equal(names.Length, names.Select(DaprNameCodec.Encode).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("a~2")]
    [InlineData("a~zz")]
    [InlineData("a.b")]
    public void Text_the_encoder_never_writes_is_refused(string encoded) =>
        Assert.Throws<FormatException>(() => DaprNameCodec.Decode(encoded));
}
