using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Channels;

/// <summary>Malformed and hostile requests to the channel, post and inbox endpoints: each gets its own status and problem
/// type, and none changes the channels' stored state.</summary>
public abstract class ChannelHostileInputSuite(ChannelHostileInputFixture fixture, ITestOutputHelper output)
{
    private const string Json = "application/json";

    // {mine} is a channel the caller belongs to, {theirs} one it does not; {caller} and {other} are agent ids.
    public static TheoryData<string, string, string, string?, string, int, string> Cases => new()
    {
        { "unknown channel", "GET", "channels/no-such-channel", null, Json, 404, "not-found" },
        { "channel id with capitals", "GET", "channels/UPPER-case", null, Json, 404, "not-found" },
        { "join unknown channel", "POST", "channels/no-such-channel/members", null, Json, 404, "not-found" },
        { "leave unknown channel", "DELETE", "channels/no-such-channel/members/me", null, Json, 404, "not-found" },
        { "post to unknown channel", "POST", "channels/no-such-channel/messages", """{"content":"x"}""", Json, 404, "not-found" },
        { "read unknown channel", "GET", "channels/no-such-channel/messages", null, Json, 404, "not-found" },
        { "post as non-member", "POST", "channels/{theirs}/messages", """{"content":"x"}""", Json, 403, "forbidden" },
        { "read as non-member", "GET", "channels/{theirs}/messages", null, Json, 403, "forbidden" },
        { "community post as non-member", "POST", "posts", """{"circle_id":"{theirs}","title":"t","content":"x"}""", Json, 403, "forbidden" },
        { "community post to unknown circle", "POST", "posts", """{"circle_id":"no-such-channel","title":"t","content":"x"}""", Json, 404, "not-found" },
        { "community post with bad circle id", "POST", "posts", """{"circle_id":"No Such","title":"t","content":"x"}""", Json, 400, "validation" },
        { "community post without title", "POST", "posts", """{"circle_id":"{mine}","content":"x"}""", Json, 400, "validation" },
        { "community post without circle", "POST", "posts", """{"title":"t","content":"x"}""", Json, 400, "validation" },
        { "content over the limit", "POST", "channels/{mine}/messages", "{\"content\":\"" + new string('x', 16_001) + "\"}", Json, 400, "validation" },
        { "body over 64 KiB", "POST", "channels/{mine}/messages", "{\"content\":\"" + new string('x', 70_000) + "\"}", Json, 413, "payload-too-large" },
        { "unknown priority", "POST", "channels/{mine}/messages", """{"content":"x","priority":"urgent"}""", Json, 400, "validation" },
        { "priority with capitals", "POST", "channels/{mine}/messages", """{"content":"x","priority":"HIGH"}""", Json, 400, "validation" },
        { "numeric priority", "POST", "channels/{mine}/messages", """{"content":"x","priority":1}""", Json, 400, "validation" },
        { "missing content", "POST", "channels/{mine}/messages", """{"title":"x"}""", Json, 400, "validation" },
        { "blank content", "POST", "channels/{mine}/messages", """{"content":"   "}""", Json, 400, "validation" },
        { "content of wrong type", "POST", "channels/{mine}/messages", """{"content":["x"]}""", Json, 400, "validation" },
        { "title over the limit", "POST", "channels/{mine}/messages", "{\"content\":\"x\",\"title\":\"" + new string('t', 301) + "\"}", Json, 400, "validation" },
        { "unknown field", "POST", "channels/{mine}/messages", """{"content":"x","sender_id":"{other}"}""", Json, 400, "validation" },
        { "malformed JSON", "POST", "channels/{mine}/messages", """{"content":"x" """, Json, 400, "malformed-json" },
        { "JSON array body", "POST", "channels/{mine}/messages", """["x"]""", Json, 400, "validation" },
        { "text/plain body", "POST", "channels/{mine}/messages", "content=x", "text/plain", 415, "unsupported-media-type" },
        { "empty body", "POST", "channels/{mine}/messages", "", Json, 400, "validation" },
        { "negative cursor", "GET", "channels/{mine}/messages?after=-1", null, Json, 400, "validation" },
        { "non-numeric cursor", "GET", "channels/{mine}/messages?after=abc", null, Json, 400, "validation" },
        { "overflowing cursor", "GET", "channels/{mine}/messages?after=99999999999999999999", null, Json, 400, "validation" },
        { "limit zero", "GET", "channels/{mine}/messages?limit=0", null, Json, 400, "validation" },
        { "limit above 200", "GET", "channels/{mine}/messages?limit=201", null, Json, 400, "validation" },
        { "list limit zero", "GET", "channels?limit=0", null, Json, 400, "validation" },
        { "list bad cursor", "GET", "channels?after=Not%20A%20Slug", null, Json, 400, "validation" },
        { "create with spaces in id", "POST", "channels", """{"id":"a b c","name":"x"}""", Json, 400, "validation" },
        { "create with too short id", "POST", "channels", """{"id":"ab","name":"x"}""", Json, 400, "validation" },
        { "create with too long id", "POST", "channels", "{\"id\":\"" + new string('a', 65) + "\",\"name\":\"x\"}", Json, 400, "validation" },
        { "create without name", "POST", "channels", """{"id":"nameless"}""", Json, 400, "validation" },
        { "create with long description", "POST", "channels", "{\"id\":\"long-desc\",\"name\":\"x\",\"description\":\"" + new string('d', 2001) + "\"}", Json, 400, "validation" },
        { "create existing id", "POST", "channels", """{"id":"{mine}","name":"again"}""", Json, 409, "conflict" },
        { "inbox wait above 30", "GET", "agents/me/inbox?wait=31", null, Json, 400, "validation" },
        { "inbox negative wait", "GET", "agents/me/inbox?wait=-1", null, Json, 400, "validation" },
        { "inbox non-numeric wait", "GET", "agents/me/inbox?wait=soon", null, Json, 400, "validation" },
        { "inbox limit above 100", "GET", "agents/me/inbox?limit=101", null, Json, 400, "validation" },
        { "ack without ids", "POST", "agents/me/inbox/ack", "{}", Json, 400, "validation" },
        { "ack ids not an array", "POST", "agents/me/inbox/ack", """{"delivery_ids":"x"}""", Json, 400, "validation" },
        { "ack with empty id", "POST", "agents/me/inbox/ack", """{"delivery_ids":[""]}""", Json, 400, "validation" },
        { "direct message to unknown agent", "POST", "agents/agt_00000000000000000000/messages", """{"content":"x"}""", Json, 404, "not-found" },
        { "direct message to malformed id", "POST", "agents/..%2F/messages", """{"content":"x"}""", Json, 404, "not-found" },
        { "direct message without content", "POST", "agents/{other}/messages", """{"title":"x"}""", Json, 400, "validation" },
        { "direct message with bad priority", "POST", "agents/{other}/messages", """{"content":"x","priority":"max"}""", Json, 400, "validation" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_gets_its_own_status_and_changes_nothing(
        string name, string method, string path, string? body, string contentType, int status, string problemType)
    {
        var timeout = TestTimeout.After(30);
        var before = await SnapshotAsync(timeout);

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("api/v1/" + Fill(path), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(Fill(body), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await fixture.Owner.Client.SendAsync(request, timeout);
        var text = await response.Content.ReadAsStringAsync(timeout);
        output.WriteLine($"{name}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"https://agent-platform.dev/problems/{problemType}", JsonNode.Parse(text)!["type"]!.GetValue<string>());
        Assert.Equal(before, await SnapshotAsync(timeout));
    }

    [Theory]
    [InlineData("GET", "channels", null)]
    [InlineData("POST", "channels/{mine}/messages", "Bearer apk_nope.nope")]
    [InlineData("GET", "agents/me/inbox", "Basic dXNlcjpwYXNz")]
    [InlineData("POST", "posts", "Bearer ")]
    public async Task Calls_without_a_valid_key_are_unauthorized(string method, string path, string? authorization)
    {
        var timeout = TestTimeout.After(30);
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("api/v1/" + Fill(path), UriKind.Relative));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request, timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    private string Fill(string text) => text
        .Replace("{mine}", fixture.Channel, StringComparison.Ordinal)
        .Replace("{theirs}", fixture.OtherChannel, StringComparison.Ordinal)
        .Replace("{caller}", fixture.Owner.Id, StringComparison.Ordinal)
        .Replace("{other}", fixture.Stranger.Id, StringComparison.Ordinal);

    private async Task<string> SnapshotAsync(CancellationToken cancellationToken)
    {
        var mine = await fixture.Owner.ReadWholeLogAsync(fixture.Channel, cancellationToken);
        var theirs = await fixture.Stranger.ReadWholeLogAsync(fixture.OtherChannel, cancellationToken);
        using var list = await fixture.Owner.SendAsync(HttpMethod.Get, "channels?limit=100", null, cancellationToken);
        var channels = await list.Content.ReadAsStringAsync(cancellationToken);
        return $"{mine.Count}|{mine.LastOrDefault()?["id"]}|{theirs.Count}|{theirs.LastOrDefault()?["id"]}|{channels}";
    }
}
