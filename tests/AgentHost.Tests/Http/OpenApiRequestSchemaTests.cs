using System.Net;

namespace AgentPlatform.AgentHost.Tests.Http;

/// <summary>Every route that reads a body publishes its request schema in <c>/openapi/v1.json</c>, so generated hostile
/// requests have something to mutate. Found by probing: a POST, PUT or PATCH documented without a body is sent a
/// malformed JSON body with each kind of credential and must not answer that the body is malformed.</summary>
public sealed class OpenApiRequestSchemaTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string[] BodyMethods = ["post", "put", "patch"];

    [Fact]
    public async Task Every_route_that_reads_a_body_documents_its_request_schema()
    {
        var host = fixture.Host;
        using var response = await host.SendAsync(HttpMethod.Get, "openapi/v1.json", null);
        var paths = (await TestHost.ReadJsonAsync(response))["paths"]!.AsObject();
        var documented = new List<string>();
        var undocumented = new List<string>();
        var probe = 0;
        foreach (var (template, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => BodyMethods.Contains(o.Key)))
            {
                if (operation!["requestBody"]?["content"]?.AsObject() is { Count: > 0 } content)
                {
                    Assert.All(content, c => Assert.NotNull(c.Value?["schema"]));
                    documented.Add($"{method} {template}");
                    continue;
                }

                // A fresh agent and channel per probe: the probe may well succeed (rotate a key, join, revoke).
                var (agentId, agentKey) = await host.RegisterAsync($"probe-{probe++}");
                var channel = $"probe-channel-{probe}";
                using (var created = await host.SendAsync(HttpMethod.Post, "api/v1/channels", agentKey, $$"""{"id":"{{channel}}","name":"probe"}"""))
                {
                    Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                }

                var path = Fill(template, new Dictionary<string, string> { ["agents"] = agentId, ["channels"] = channel });
                foreach (var bearer in new[] { agentKey, TestHost.OperatorToken })
                {
                    using var answer = await host.SendAsync(new HttpMethod(method.ToUpperInvariant()), path, bearer, "{\"unterminated\":");
                    var text = await answer.Content.ReadAsStringAsync();
                    if (text.Contains("problems/malformed-json", StringComparison.Ordinal) || answer.StatusCode == HttpStatusCode.UnsupportedMediaType)
                    {
                        undocumented.Add($"{method.ToUpperInvariant()} {template}");
                    }
                }
            }
        }

        Assert.Contains("post /api/v1/agents", documented);
        Assert.True(undocumented.Count == 0, "These routes read a body but publish no request schema (add .Accepts<T>(\"application/json\")): "
            + string.Join(", ", undocumented.Distinct()));
    }

    private static string Fill(string template, Dictionary<string, string> ids)
    {
        var segments = template.Trim('/').Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
            {
                segments[i] = i > 0 && ids.TryGetValue(segments[i - 1], out var id) ? id : "does-not-exist";
            }
        }

        return string.Join('/', segments);
    }
}
