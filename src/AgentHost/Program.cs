using AgentPlatform.AgentHost.Audit;
using AgentPlatform.AgentHost.Cli;
using AgentPlatform.AgentHost.Dashboard;
using AgentPlatform.AgentHost.Endpoints;
using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.AgentHost.Http;

namespace AgentPlatform.AgentHost;

public partial class Program
{
    public static Task<int> Main(string[] args) => PlatformCommandLine.InvokeAsync(args);

    /// <summary>Builds the host; tests pass <paramref name="configure"/> to replace services (for example the clock).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json is read from the build output wherever the host is started; ./data is relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseDefaultPlatformUrls(builder.Configuration);
        builder.AddGrpcApi();
        builder.Services.AddPlatformRuntime(builder.Configuration);
        builder.Services.AddAgentIdentity();
        builder.Services.AddAgentLiveness(builder.Configuration);
        builder.Services.AddAgentRegistry();
        builder.Services.AddAgentRights();
        builder.Services.AddAgentTeams();
        builder.Services.AddPlatformApi(builder.Configuration);
        builder.Services.AddChannelsApi(builder.Configuration);
        builder.Services.AddPlatformTasks(builder.Configuration);
        builder.Services.AddPlatformLlm(builder.Configuration);
        builder.Services.AddHostedAgents(builder.Configuration);
        builder.Services.AddPlatformWorkflows(builder.Configuration);
        builder.Services.AddPlatformTelemetry(builder.Configuration);
        builder.Services.AddPlatformHealth(builder.Configuration);
        builder.Services.AddPlatformBackups(builder.Configuration);
        builder.Services.AddDashboard(builder.Configuration);
        builder.Services.AddOpenApi();
        configure?.Invoke(builder);

        var app = builder.ValidatePlatformSettings().Build();
        app.UseRuntimeCallbackToken();
        app.UsePlatformApi();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapOperatorHealthEndpoints();
        app.MapTelemetryEndpoints();
        var audited = app.MapGroup(string.Empty).WithAuditLog();
        audited.MapAgentEndpoints();
        audited.MapAgentRightsEndpoints();
        audited.MapRegistryEndpoints();
        audited.MapChannelEndpoints();
        audited.MapPostEndpoints();
        audited.MapInboxEndpoints();
        audited.MapDeliveryEndpoints();
        audited.MapWorkflowEndpoints();
        audited.MapTaskEndpoints();
        audited.MapRequestEndpoints();
        audited.MapAgentMessageEndpoints();
        audited.MapLlmAgentEndpoints();
        audited.MapTeamEndpoints();
        app.MapGrpcApi();
        app.MapRuntimeCallbacks();
        app.MapDashboard();
        return app.LogStartup();
    }
}
