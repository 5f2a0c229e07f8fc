using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Tests.Actors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.DaprSidecar.Tests.Support;

/// <summary>A Dapr.Actors.AspNetCore app hosting <see cref="CounterActor"/>, as an app replica of the double.</summary>
public static class ActorApp
{
    public static Task<TestApp> StartAsync(
        SidecarEndpoints sidecar, Recorder recorder, CancellationToken cancellationToken, string? requiredAppToken = null, Gate? gate = null) =>
        TestApp.StartAsync(
            sidecar,
            services =>
            {
                services.AddSingleton(recorder);
                services.AddSingleton(gate ?? new Gate());
                services.AddSingleton(new ReplicaName($"replica-{sidecar.Replica}"));
                services.AddActors(options => options.Actors.RegisterActor<CounterActor>());
            },
            app =>
            {
                if (requiredAppToken is not null)
                {
                    app.Use(async (context, next) =>
                    {
                        var token = context.Request.Headers["dapr-api-token"].ToString();
                        recorder.Add(token == requiredAppToken ? $"token-ok:{context.Request.Path}" : $"token-bad:{context.Request.Path}");
                        if (token != requiredAppToken)
                        {
                            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                            return;
                        }

                        await next(context);
                    });
                }

                app.MapActorsHandlers();
            },
            cancellationToken);
}
