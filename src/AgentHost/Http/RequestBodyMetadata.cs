namespace AgentPlatform.AgentHost.Http;

/// <summary>Declares the body a route reads with <see cref="JsonBody"/>, so the OpenAPI document publishes its schema.</summary>
/// <remarks>The declaration is also enforced by routing: a body under another Content-Type gets 415 before the handler
/// (and before authentication) runs, the same answer <see cref="JsonBody"/> would give.</remarks>
public static class RequestBodyMetadata
{
    /// <summary>The media types a JSON body may have: <c>application/json</c> and any <c>+json</c> type.</summary>
    public static readonly string[] JsonMediaTypes = ["application/json", "application/*+json"];

    /// <summary>The media types a workflow definition may have besides JSON.</summary>
    public static readonly string[] YamlMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    /// <summary>Declares a JSON body of type <typeparamref name="T"/>; <paramref name="isOptional"/> when it may be absent.</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, bool isOptional = false)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Accepts<T>(isOptional, JsonMediaTypes[0], JsonMediaTypes[1..]);
    }

    /// <summary>Declares a body of type <typeparamref name="T"/> sent as JSON or YAML.</summary>
    public static RouteHandlerBuilder AcceptsJsonOrYaml<T>(this RouteHandlerBuilder builder)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Accepts<T>(JsonMediaTypes[0], [.. JsonMediaTypes[1..], .. YamlMediaTypes]);
    }
}
