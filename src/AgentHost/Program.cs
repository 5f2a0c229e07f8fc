using AgentPlatform.AgentHost.Endpoints;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.AgentHost;

public partial class Program
{
    public static async Task Main(string[] args) => await Build(args).RunAsync();

    /// <summary>Builds the host; tests pass <paramref name="configure"/> to replace services (for example the clock).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddPlatformRuntime(builder.Configuration);
        builder.Services.AddAgentIdentity();
        builder.Services.AddAgentLiveness().AddOptions<AgentLivenessOptions>().Bind(builder.Configuration.GetSection(AgentLivenessOptions.SectionName));
        builder.Services.AddPlatformApi(builder.Configuration);
        builder.Services.AddPlatformWorkflows(builder.Configuration);
        builder.Services.AddOpenApi();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UsePlatformApi();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapAgentEndpoints();
        app.MapWorkflowEndpoints();
        return app.LogStartup();
    }
}
