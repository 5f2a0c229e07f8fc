using Microsoft.Extensions.Options;

namespace AgentPlatform.Runtime.Dapr;

/// <summary>Checks that the host can reach its sidecar, reporting every missing or invalid setting on its own line.</summary>
public sealed class DaprRuntimeOptionsValidator : IValidateOptions<DaprRuntimeOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DaprRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckEndpoint(options.HttpEndpoint, "Dapr:HttpEndpoint", "DAPR_HTTP_PORT", failures);
        CheckEndpoint(options.GrpcEndpoint, "Dapr:GrpcEndpoint", "DAPR_GRPC_PORT", failures);
        if (options.ApiToken is { } api && api.Any(char.IsWhiteSpace))
        {
            failures.Add("Dapr:ApiToken (DAPR_API_TOKEN) must not contain white space.");
        }

        if (options.AppApiToken is { } app && app.Any(char.IsWhiteSpace))
        {
            failures.Add("Dapr:AppApiToken (APP_API_TOKEN) must not contain white space.");
        }

        if (options.OperatorTokenSecret is { } secret && (secret.Length == 0 || secret.Any(char.IsWhiteSpace)))
        {
            failures.Add($"Dapr:OperatorTokenSecret must name a secret without white space; it is '{secret}'.");
        }

        if (options.ActorIdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            failures.Add($"Dapr:ActorIdleTimeout must be positive; it is {idle}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckEndpoint(string? endpoint, string setting, string variable, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            failures.Add($"{setting} is not set and neither is {variable}: run the host with 'dapr run' or name the sidecar's endpoint.");
        }
        else if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
        {
            failures.Add($"{setting} must be an http or https address without a path, for example http://127.0.0.1:3500; it is '{endpoint}'.");
        }
    }
}
