using System.Net;
using System.Net.Sockets;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr.PubSub;
using AgentPlatform.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Runtime.Dapr.Tests.Support;

/// <summary>The Dapr runtime as the host composes it, on the daprd double: one app (a WebApplication on a loopback port
/// with <c>AddDaprRuntime</c> and <c>MapDaprRuntime</c>) per replica, each with its own in-process sidecar, all sharing the
/// double's SQLite file in a data directory.</summary>
/// <remarks>Disposing stops the apps and the sidecars the way a process exit would: a new instance over the same directory
/// sees everything that was committed, reminders included.</remarks>
public sealed class DaprAppReplicas : IAsyncDisposable
{
    private readonly DaprTestCluster _cluster;
    private readonly WebApplication[] _apps;

    private DaprAppReplicas(DaprTestCluster cluster, WebApplication[] apps)
    {
        _cluster = cluster;
        _apps = apps;
    }

    public IServiceProvider Services(int replica = 0) => _apps[replica].Services;

    /// <summary>Starts <paramref name="replicas"/> apps hosting <paramref name="types"/>, declaring <paramref name="topics"/>
    /// (topic to dead-letter topic) beyond the platform's own.</summary>
    public static async Task<DaprAppReplicas> StartAsync(
        string dataDirectory,
        IReadOnlyList<ActorTypeRegistration> types,
        int replicas = 1,
        IReadOnlyDictionary<string, string?>? topics = null,
        TimeProvider? time = null,
        Action<DaprTestClusterOptions>? configureCluster = null)
    {
        var options = new DaprTestClusterOptions { DataDirectory = dataDirectory, TimeProvider = time ?? TimeProvider.System };
        for (var i = 0; i < replicas; i++)
        {
            options.AppPorts.Add(FreePort());
        }

        configureCluster?.Invoke(options);
        var cluster = await DaprTestCluster.StartAsync(options, TestTimeout.After(30));
        var apps = new WebApplication[replicas];
        try
        {
            for (var i = 0; i < replicas; i++)
            {
                apps[i] = BuildApp(cluster.Sidecars[i], options, types, topics, time);
                await apps[i].StartAsync(TestTimeout.After(30));
            }

            await cluster.WaitForAppsAsync(TestTimeout.After(30));
            return new DaprAppReplicas(cluster, apps);
        }
        catch
        {
            foreach (var app in apps.Where(a => a is not null))
            {
                await app.DisposeAsync();
            }

            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync(TestTimeout.After(30));
            await app.DisposeAsync();
        }

        await _cluster.DisposeAsync();
    }

    private static WebApplication BuildApp(
        SidecarEndpoints sidecar, DaprTestClusterOptions cluster, IReadOnlyList<ActorTypeRegistration> types,
        IReadOnlyDictionary<string, string?>? topics, TimeProvider? time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{sidecar.AppPort}");
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var options = new DaprRuntimeOptions
        {
            HttpEndpoint = sidecar.HttpEndpoint.ToString().TrimEnd('/'),
            GrpcEndpoint = sidecar.GrpcEndpoint.ToString().TrimEnd('/'),
            ApiToken = cluster.ApiToken,
            AppApiToken = cluster.AppApiToken,
        };
        builder.Services.AddDaprRuntime(options, pubSub => Declare(pubSub, topics));
        foreach (var type in types)
        {
            builder.Services.AddActorType(type);
        }

        var app = builder.Build();
        app.UseDaprCallbackToken();
        app.MapDaprRuntime();
        return app;
    }

    private static void Declare(DaprPubSubOptions pubSub, IReadOnlyDictionary<string, string?>? topics)
    {
        foreach (var (topic, deadLetter) in topics ?? new Dictionary<string, string?>())
        {
            pubSub.Subscriptions[topic] = deadLetter;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
