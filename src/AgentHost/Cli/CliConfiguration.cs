namespace AgentPlatform.AgentHost.Cli;

/// <summary>The configuration the commands other than <c>serve</c> read: <c>appsettings.json</c> beside the host and
/// environment variables, as the host reads them.</summary>
internal static class CliConfiguration
{
    public const string UrlVariable = "AGENT_PLATFORM_URL";
    public const string TokenVariable = "AGENT_PLATFORM_TOKEN";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static IConfiguration Load() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
}
