using System.Text.Json.Nodes;

namespace AgentPlatform.EndToEnd.Tests.OpenApi;

/// <summary>One operation of the OpenAPI document: method, path template, parameters and the request body schema.</summary>
/// <param name="Method">The upper-case HTTP method.</param>
/// <param name="Template">The path template, for example <c>/api/v1/channels/{id}</c>.</param>
/// <param name="PathParameters">Names of the path parameters, in template order.</param>
/// <param name="IntegerPathParameters">Names of the path parameters documented as integers.</param>
/// <param name="QueryParameters">Names of the query parameters.</param>
/// <param name="BodySchema">The JSON schema of the request body, or null when the operation takes none.</param>
/// <param name="BodyMediaTypes">The media types the body may have.</param>
public sealed record OpenApiRoute(
    string Method, string Template, IReadOnlyList<string> PathParameters, IReadOnlyList<string> IntegerPathParameters, IReadOnlyList<string> QueryParameters,
    JsonNode? BodySchema, IReadOnlyList<string> BodyMediaTypes)
{
    /// <summary>The route's name in reports, <c>METHOD /template</c>.</summary>
    public string Name => $"{Method} {Template}";

    /// <summary>Every operation of <paramref name="document"/>, in document order.</summary>
    public static IReadOnlyList<OpenApiRoute> All(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var routes = new List<OpenApiRoute>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray().Select(p => p!) ?? [];
                var content = operation["requestBody"]?["content"]?.AsObject();
                routes.Add(new OpenApiRoute(
                    method.ToUpperInvariant(),
                    template,
                    [.. parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!)],
                    [.. parameters.Where(p => (string?)p["in"] == "path" && SchemaSample.Types(p["schema"]!).Contains("integer")).Select(p => (string)p["name"]!)],
                    [.. parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!)],
                    content?.FirstOrDefault().Value?["schema"],
                    content is null ? [] : [.. content.Select(c => c.Key)]));
            }
        }

        return routes;
    }
}
