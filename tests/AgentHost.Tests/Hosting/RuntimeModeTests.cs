using AgentPlatform.AgentHost.Hosting;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Tests.Hosting;

public sealed class RuntimeModeTests
{
    [Fact]
    public async Task Dapr_mode_without_a_sidecar_address_fails_start_up_with_one_line_per_missing_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestHost.StartAsync(new Dictionary<string, string> { ["Runtime:Mode"] = "dapr", ["DAPR_HTTP_PORT"] = "", ["DAPR_GRPC_PORT"] = "" }));

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Dapr:HttpEndpoint is not set and neither is DAPR_HTTP_PORT", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Dapr:GrpcEndpoint is not set and neither is DAPR_GRPC_PORT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dapr_mode_names_an_invalid_sidecar_address()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Runtime:Mode"] = "dapr",
            ["Dapr:HttpEndpoint"] = "localhost:3500",
            ["DAPR_GRPC_PORT"] = "50001",
        }));

        var failure = Assert.Single(error.Failures);
        Assert.Contains("Dapr:HttpEndpoint must be an http or https address", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_mode_fails_start_up()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestHost.StartAsync(new Dictionary<string, string> { ["Runtime:Mode"] = "cloud" }));

        Assert.Contains("must be 'embedded' or 'dapr'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("embedded", "data", true)]
    [InlineData("EMBEDDED", "/tmp/x", true)]
    [InlineData("dapr", "data", true)]
    [InlineData("DAPR", " ", true)]
    [InlineData("", "data", false)]
    [InlineData("embedded", " ", false)]
    public void Validator_accepts_dapr_and_embedded_with_a_directory(string mode, string directory, bool valid)
    {
        var result = new PlatformRuntimeOptionsValidator().Validate(null, new PlatformRuntimeOptions { Mode = mode, DataDirectory = directory });

        Assert.Equal(valid, result.Succeeded);
    }
}
