using System.Net;
using System.Text.Json;
using AgentPlatform.DaprSidecar.Api.Grpc;
using AgentPlatform.DaprSidecar.Api.Http;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.PubSub;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AgentPlatform.DaprSidecar.Hosting;

/// <summary>The sidecar of one app replica: its own HTTP and gRPC listeners on 127.0.0.1, its channel to the app, and
/// what the app reported once its port answered (<c>/dapr/config</c>, <c>/dapr/subscribe</c>). It can be stopped and
/// started again on the same ports, and marked lost.</summary>
internal sealed class Sidecar : IAsyncDisposable
{
    private readonly ClusterRuntime _cluster;
    private readonly Lock _gate = new();
    private WebApplication? _web;
    private CancellationTokenSource? _running;
    private Task _probe = Task.CompletedTask;
    private volatile bool _appReady;
    private volatile bool _listening;
    private volatile bool _lost;

    public Sidecar(ClusterRuntime cluster, SidecarEndpoints endpoints)
    {
        _cluster = cluster;
        Endpoints = endpoints;
        var options = cluster.Options;
        App = new AppChannel(endpoints.Replica, endpoints.AppPort, options.AppId, options.AppApiToken, options.AppConnectTimeout, options.AppCallTimeout);
    }

    public SidecarEndpoints Endpoints { get; }

    public int Replica => Endpoints.Replica;

    public AppChannel App { get; }

    /// <summary>The actor types and idle timeouts the app reported; none until it answered.</summary>
    public AppActorConfig ActorConfig { get; private set; } = AppActorConfig.None;

    /// <summary>The app's subscriptions; read once each time the app (re)appears.</summary>
    public IReadOnlyList<AppSubscription> Subscriptions { get; private set; } = [];

    /// <summary>Whether the app answered and its configuration is loaded (daprd's <c>/v1.0/healthz</c>).</summary>
    public bool IsAppReady => _appReady;

    /// <summary>Whether actors may be placed here and events delivered here.</summary>
    public bool CanServe => _listening && _appReady && !_lost;

    /// <summary>Starts the listeners and begins waiting for the app.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var web = Build();
        await web.StartAsync(cancellationToken);
        lock (_gate)
        {
            _web = web;
            _running = new CancellationTokenSource();
            _listening = true;
        }

        StartProbing();
    }

    /// <summary>Stops the listeners (the ports close); actors here move on their next call.</summary>
    public async Task StopAsync()
    {
        WebApplication? web;
        CancellationTokenSource? running;
        lock (_gate)
        {
            (web, running) = (_web, _running);
            (_web, _running) = (null, null);
            _listening = false;
            _appReady = false;
        }

        _cluster.OnReplicaGone(this);
        if (running is not null)
        {
            await running.CancelAsync();
            await _probe.ContinueWith(_ => { }, TaskScheduler.Default);
            running.Dispose();
        }

        if (web is not null)
        {
            await web.StopAsync();
            await web.DisposeAsync();
        }
    }

    /// <summary>Called when the app did not answer: the replica stops serving until its port answers again.</summary>
    public void ReportAppUnreachable()
    {
        lock (_gate)
        {
            if (!_appReady)
            {
                return;
            }

            _appReady = false;
        }

        _cluster.Log.AppUnreachable(Replica);
        _cluster.OnReplicaGone(this);
        StartProbing();
    }

    /// <summary>Marks the replica lost (or back): nothing is routed to a lost replica.</summary>
    public void SetLost(bool lost)
    {
        _lost = lost;
        if (lost)
        {
            _cluster.OnReplicaGone(this);
        }
        else if (CanServe)
        {
            _cluster.OnReplicaReady(this);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        App.Dispose();
    }

    private void StartProbing()
    {
        lock (_gate)
        {
            if (_running is null || !_probe.IsCompleted)
            {
                return;
            }

            var token = _running.Token;
            _probe = Task.Run(() => WaitForAppAsync(token));
        }
    }

    // Like daprd: wait until the app port answers, then read /dapr/config and /dapr/subscribe once.
    private async Task WaitForAppAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    var config = await App.SendAsync(HttpMethod.Get, "/dapr/config", null, null, null, stopping);
                    var subscriptions = await App.SendAsync(HttpMethod.Get, "/dapr/subscribe", null, null, null, stopping);
                    ActorConfig = ReadConfig(config);
                    Subscriptions = ReadSubscriptions(subscriptions);
                    _appReady = true;
                    _cluster.Log.AppReady(Replica, ActorConfig.Entities.Count, Subscriptions.Count);
                    if (CanServe)
                    {
                        _cluster.OnReplicaReady(this);
                    }

                    return;
                }
                catch (AppUnreachableException)
                {
                    await Task.Delay(_cluster.Options.AppProbeInterval, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private AppActorConfig ReadConfig(AppResponse response)
    {
        if (response.StatusCode != 200)
        {
            return AppActorConfig.None;
        }

        try
        {
            return AppActorConfig.Parse(response.Body);
        }
        catch (JsonException exception)
        {
            _cluster.Log.BadAppAnswer(Replica, "config", exception.Message);
            return AppActorConfig.None;
        }
    }

    private IReadOnlyList<AppSubscription> ReadSubscriptions(AppResponse response)
    {
        if (response.StatusCode != 200)
        {
            return [];
        }

        try
        {
            return AppSubscription.ParseList(response.Body);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            _cluster.Log.BadAppAnswer(Replica, "subscribe", exception.Message);
            return [];
        }
    }

    // Dapr.Actors joins its endpoint (which ends in '/') and '/v1.0/...' into '//v1.0/...'; daprd's router serves that.
    private static Task CollapseSlashes(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
        {
            while (path.Contains("//", StringComparison.Ordinal))
            {
                path = path.Replace("//", "/", StringComparison.Ordinal);
            }

            context.Request.Path = path;
        }

        return next(context);
    }

    private WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Sidecar).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, Endpoints.HttpPort, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
            kestrel.Listen(IPAddress.Loopback, Endpoints.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton(_cluster);
        builder.Services.AddGrpc();
        var context = new SidecarContext(_cluster.Options.AppId, Replica, Endpoints.AppPort, _cluster.Options.DataDirectory);
        foreach (var extension in _cluster.Options.Extensions)
        {
            extension.ConfigureServices(builder.Services, context);
        }

        var web = builder.Build();
        web.Use(CollapseSlashes);
        web.UseRouting();
        web.UseMiddleware<ApiTokenMiddleware>();
        web.MapGrpcService<DaprGrpcApi>();
        web.MapHealthEndpoints();
        web.MapActorEndpoints();
        web.MapInvokeEndpoints();
        web.MapSecretEndpoints();
        web.MapFaultEndpoints();
        foreach (var extension in _cluster.Options.Extensions)
        {
            extension.MapEndpoints(web, context);
        }

        return web;
    }
}
