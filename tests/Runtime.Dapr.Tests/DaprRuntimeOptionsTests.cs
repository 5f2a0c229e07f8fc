using Microsoft.Extensions.Configuration;

namespace AgentPlatform.Runtime.Dapr.Tests;

public sealed class DaprRuntimeOptionsTests
{
    [Fact]
    public void Empty_settings_fall_back_to_the_variables_dapr_run_sets()
    {
        var options = DaprRuntimeOptions.From(Configuration(new()
        {
            ["DAPR_HTTP_PORT"] = "3510",
            ["DAPR_GRPC_PORT"] = "50010",
            ["DAPR_API_TOKEN"] = "to-sidecar",
            ["APP_API_TOKEN"] = "from-sidecar",
        }));

        Assert.Equal(("http://127.0.0.1:3510", "http://127.0.0.1:50010"), (options.HttpEndpoint, options.GrpcEndpoint));
        Assert.Equal(("to-sidecar", "from-sidecar"), (options.ApiToken, options.AppApiToken));
        Assert.True(new DaprRuntimeOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_dapr_section_wins_over_the_variables()
    {
        var options = DaprRuntimeOptions.From(Configuration(new()
        {
            ["Dapr:HttpEndpoint"] = "http://sidecar:3500",
            ["DAPR_HTTP_ENDPOINT"] = "http://other:3500",
            ["DAPR_GRPC_ENDPOINT"] = "http://other:50001",
        }));

        Assert.Equal(("http://sidecar:3500", "http://other:50001"), (options.HttpEndpoint, options.GrpcEndpoint));
    }

    [Fact]
    public void Every_problem_is_reported_on_its_own_line()
    {
        var result = new DaprRuntimeOptionsValidator().Validate(null, new DaprRuntimeOptions
        {
            HttpEndpoint = "ftp://x",
            GrpcEndpoint = null,
            AppApiToken = "has space",
            ActorIdleTimeout = TimeSpan.Zero,
        });

        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Dapr:HttpEndpoint must be an http or https address", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Dapr:GrpcEndpoint is not set and neither is DAPR_GRPC_PORT", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Dapr:AppApiToken (APP_API_TOKEN)", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Dapr:ActorIdleTimeout must be positive", StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
