using System.Net;
using System.Text.Json.Nodes;

namespace AgentPlatform.AgentHost.Tests;

public static class ProblemAssert
{
    /// <summary>Asserts a problem+json answer with the status and the stable type suffix; returns the body.</summary>
    public static async Task<JsonNode> IsAsync(HttpResponseMessage response, HttpStatusCode status, string typeSuffix)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(body)!;
        Assert.Equal($"https://agent-platform.dev/problems/{typeSuffix}", json["type"]!.GetValue<string>());
        Assert.Equal((int)status, json["status"]!.GetValue<int>());
        return json;
    }
}
