using AgentPlatform.AgentHost.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost;

/// <summary>Start-up logging of the host.</summary>
internal static class HostLifetimeExtensions
{
    /// <summary>Logs the runtime choice and, once started, every address the server listens on.</summary>
    public static WebApplication LogStartup(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentPlatform.AgentHost");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var runtime = app.Services.GetRequiredService<IOptions<PlatformRuntimeOptions>>().Value;
            Log.RuntimeSelected(logger, runtime.Mode, Path.GetFullPath(runtime.DataDirectory));
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Log.Listening(logger, address);
            }
        });
        return app;
    }
}
