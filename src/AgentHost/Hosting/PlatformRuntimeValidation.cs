using AgentPlatform.AgentHost.Hosting;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost;

/// <summary>Checks the runtime choice before anything can resolve a runtime service.</summary>
internal static class PlatformRuntimeValidation
{
    /// <summary>Reads <see cref="PlatformRuntimeOptions"/> now, so an unusable <c>Runtime:Mode</c> fails with its own
    /// message instead of a missing-service error from whichever component first asks for the runtime.</summary>
    /// <exception cref="OptionsValidationException">The mode is <c>dapr</c> or unknown, or the data directory is empty.</exception>
    public static WebApplication ValidatePlatformRuntime(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<IOptions<PlatformRuntimeOptions>>().Value;
        return app;
    }
}
