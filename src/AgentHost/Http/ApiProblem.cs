using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace AgentPlatform.AgentHost.Http;

/// <summary>An RFC 7807 problem+json answer with optional response headers; every error of the API is one.</summary>
/// <remarks>Create instances with <see cref="Problems"/>. Handlers declare it in their <c>Results&lt;...&gt;</c> union.</remarks>
public sealed class ApiProblem : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>, IValueHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private const string ProblemContentType = "application/problem+json";

    private readonly KeyValuePair<string, string>[] _headers;

    internal ApiProblem(ProblemDetails details, params KeyValuePair<string, string>[] headers)
    {
        Details = details;
        _headers = headers;
    }

    /// <summary>The problem body.</summary>
    public ProblemDetails Details { get; }

    /// <summary>The problem's stable <c>type</c> URI.</summary>
    public string Type => Details.Type ?? ProblemTypes.Internal;

    /// <summary>The HTTP status.</summary>
    public int StatusCode => Details.Status ?? StatusCodes.Status500InternalServerError;

    /// <summary>Headers written with the answer, for example <c>Retry-After</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    ProblemDetails? IValueHttpResult<ProblemDetails>.Value => Details;

    object? IValueHttpResult.Value => Details;

    string? IContentTypeHttpResult.ContentType => ProblemContentType;

    /// <inheritdoc/>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        foreach (var (name, value) in _headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        return TypedResults.Problem(Details).ExecuteAsync(httpContext);
    }

    /// <inheritdoc/>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ProblemDetails), [ProblemContentType]));
    }
}
