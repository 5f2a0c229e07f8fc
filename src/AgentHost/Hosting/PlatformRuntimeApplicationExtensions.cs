using AgentPlatform.AgentHost.Hosting;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost;

/// <summary>The HTTP side of the runtime choice: in Dapr mode, the sidecar's callbacks and their token check.</summary>
internal static class PlatformRuntimeApplicationExtensions
{
    /// <summary>In Dapr mode, answers 401 to sidecar callbacks without the app API token (health probes stay open); in
    /// embedded mode, adds nothing to the request pipeline.</summary>
    public static WebApplication UseRuntimeCallbackToken(this WebApplication app)
    {
        if (IsDapr(app))
        {
            app.UseDaprCallbackToken();
        }

        return app;
    }

    /// <summary>In Dapr mode, maps the actor callbacks, <c>/dapr/config</c>, <c>/dapr/subscribe</c> and the topic deliveries.</summary>
    public static WebApplication MapRuntimeCallbacks(this WebApplication app)
    {
        if (IsDapr(app))
        {
            app.MapDaprRuntime();
        }

        return app;
    }

    private static bool IsDapr(WebApplication app) => app.Services.GetRequiredService<IOptions<PlatformRuntimeOptions>>().Value.IsDapr;
}
