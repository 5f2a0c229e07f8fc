using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.AgentHost.Tests.Http;

public sealed class OpenApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Every_mapped_route_and_method_is_in_the_openapi_document()
    {
        using var response = await fixture.Host.Client.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), TestKit.TestTimeout.After(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject();

        var routes = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Path: Normalize(e.RoutePattern.RawText!), Method: m)))
            .ToList();

        Assert.Contains(routes, r => r.Path == "/api/v1/agents/me/heartbeat");
        Assert.Contains(routes, r => r.Path == "/healthz");
        var missing = routes.Where(r => paths[r.Path]?[r.Method.ToLowerInvariant()] is null).Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.True(missing.Count == 0, "Missing from /openapi/v1.json: " + string.Join(", ", missing));
    }

    private static string Normalize(string pattern)
    {
        var path = "/" + pattern.Trim('/');
        return System.Text.RegularExpressions.Regex.Replace(path, "\\{([^}:=?]+)[^}]*\\}", "{$1}");
    }
}
