using AgentPlatform.Api;
using AgentPlatform.Api.Grpc;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the gRPC API on its own h2c port (<c>Grpc:Port</c>) beside the HTTP/1.1 API, with gRPC health checking
/// and server reflection.</summary>
public static class GrpcApiHostingExtensions
{
    /// <summary>When <c>Grpc:Port</c> is set: adds <c>http://&lt;host of the first URL&gt;:&lt;port&gt;</c> to the addresses
    /// as HTTP/2 only, and registers the services, the audit and key interceptors, health checks and reflection. Call after the HTTP
    /// URLs are chosen.</summary>
    /// <exception cref="InvalidOperationException">The HTTP addresses are not given as URLs (<c>HTTP_PORTS</c> only).</exception>
    public static WebApplicationBuilder AddGrpcApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GrpcApiOptions>().Bind(builder.Configuration.GetSection(GrpcApiOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrpcApiOptions>, GrpcApiOptionsValidator>());
        var options = GrpcApiOptions.From(builder.Configuration);
        if (!options.IsEnabled)
        {
            return builder;
        }

        var urls = builder.Configuration["urls"];
        if (string.IsNullOrEmpty(urls))
        {
            throw new InvalidOperationException("Grpc:Port needs the HTTP addresses as URLs (--urls or ASPNETCORE_URLS), not HTTP_PORTS.");
        }

        var first = BindingAddress.Parse(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]);
        builder.WebHost.UseUrls($"{urls};http://{first.Host}:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (listen.IPEndPoint?.Port == options.Port)
            {
                listen.Protocols = HttpProtocols.Http2;
            }
        }));
        builder.Services.TryAddSingleton<AuditInterceptor>();
        builder.Services.TryAddSingleton<AgentKeyInterceptor>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<AuditInterceptor>();
            grpc.Interceptors.Add<AgentKeyInterceptor>();
        });
        builder.Services.AddOptions<GrpcServiceOptions>()
            .Configure<IOptions<ApiOptions>>((grpc, api) => grpc.MaxReceiveMessageSize = api.Value.MaxBodyBytes);
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        return builder;
    }

    /// <summary>Maps the agentplatform.v1 services, <c>grpc.health.v1.Health</c> and server reflection on the gRPC port only;
    /// does nothing when <c>Grpc:Port</c> is not set.</summary>
    public static WebApplication MapGrpcApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = GrpcApiOptions.From(app.Configuration);
        if (!options.IsEnabled)
        {
            return app;
        }

        var host = $"*:{options.Port}";
        app.MapGrpcService<AgentsApi>().RequireHost(host);
        app.MapGrpcService<ChannelsApi>().RequireHost(host);
        app.MapGrpcService<InboxApi>().RequireHost(host);
        app.MapGrpcService<TasksApi>().RequireHost(host);
        app.MapGrpcService<RequestsApi>().RequireHost(host);
        app.MapGrpcHealthChecksService().RequireHost(host);
        app.MapGrpcReflectionService().RequireHost(host);
        return app;
    }
}
