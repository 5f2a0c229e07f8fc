using AgentPlatform.AgentHost.Hosting;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Tests.Hosting;

public sealed class RuntimeModeTests
{
    [Fact]
    public async Task Dapr_mode_fails_start_up_saying_the_adapter_is_not_in_this_build()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestHost.StartAsync(new Dictionary<string, string> { ["Runtime:Mode"] = "dapr" }));

        Assert.Contains("Dapr adapter is not part of this build", error.Message, StringComparison.Ordinal);
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
    [InlineData("dapr", "data", false)]
    [InlineData("", "data", false)]
    [InlineData("embedded", " ", false)]
    public void Validator_accepts_only_embedded_with_a_directory(string mode, string directory, bool valid)
    {
        var result = new PlatformRuntimeOptionsValidator().Validate(null, new PlatformRuntimeOptions { Mode = mode, DataDirectory = directory });

        Assert.Equal(valid, result.Succeeded);
    }
}
