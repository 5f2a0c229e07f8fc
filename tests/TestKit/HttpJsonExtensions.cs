using System.Text;
using System.Text.Json.Nodes;

namespace AgentPlatform.TestKit;

/// <summary>One request to the host's HTTP API that must succeed, answered as JSON; shared by the test hosts that drive the
/// operator API beside gRPC.</summary>
public static class HttpJsonExtensions
{
    /// <summary>Sends <paramref name="body"/> (when not null) as <paramref name="mediaType"/>, asserts a success status and
    /// returns the parsed answer.</summary>
    public static async Task<JsonNode> SendForJsonAsync(
        this HttpClient client, HttpMethod method, string path, string? body, string mediaType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
