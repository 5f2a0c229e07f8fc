using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Xunit.Abstractions;

namespace AgentPlatform.Api.Grpc.Tests;

/// <summary>How the host serves gRPC: health and reflection on the h2c port, the HTTP API still on its own port, and a
/// bad <c>Grpc:Port</c> refused at start-up.</summary>
public sealed class GrpcHostingTests(GrpcHostFixture fixture, ITestOutputHelper output) : IClassFixture<GrpcHostFixture>
{
    [Fact]
    public async Task Health_answers_serving_and_reflection_lists_the_api_services_beside_http()
    {
        var timeout = TestTimeout.After(30);
        var health = await new Health.HealthClient(fixture.Host.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: timeout);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        using var reflection = new ServerReflection.ServerReflectionClient(fixture.Host.Channel).ServerReflectionInfo(cancellationToken: timeout);
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty }, timeout);
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(timeout));
        var services = reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        foreach (var name in new[] { AgentService.Descriptor.FullName, ChannelService.Descriptor.FullName, InboxService.Descriptor.FullName, TaskService.Descriptor.FullName, RequestService.Descriptor.FullName })
        {
            Assert.Contains(name, services);
        }

        using var http = fixture.Host.Host.CreateClient();
        using var healthz = await http.GetAsync(new Uri("healthz", UriKind.Relative), timeout);
        Assert.True(healthz.IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_port_outside_the_tcp_range_stops_the_host_at_start_up_naming_the_setting()
    {
        var timeout = TestTimeout.After(60);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => GrpcHost.StartAsync(output, timeout, settings => settings["Grpc__Port"] = "70000"));
        Assert.Contains("Grpc:Port must be a TCP port between 1 and 65535", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_is_resource_exhausted_with_a_retry_delay()
    {
        var timeout = TestTimeout.After(60);
        await using var host = await GrpcHost.StartAsync(output, timeout, settings =>
        {
            settings["Api__RateLimit__PermitsPerSecond"] = "0.1";
            settings["Api__RateLimit__Burst"] = "2";
        });
        var (_, key) = await host.RegisterAsync("grpc-hasty", timeout);
        var agents = new AgentService.AgentServiceClient(host.Channel);
        await agents.GetMeAsync(new GetMeRequest(), key, cancellationToken: timeout);
        await agents.GetMeAsync(new GetMeRequest(), key, cancellationToken: timeout);
        var limited = await GrpcErrorAssert.FailsAsync(StatusCode.ResourceExhausted, () => agents.GetMeAsync(new GetMeRequest(), key, cancellationToken: timeout).ResponseAsync);
        var retry = limited.GetRpcStatus()?.GetDetail<Google.Rpc.RetryInfo>();
        Assert.NotNull(retry);
        Assert.True(retry.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
    }
}
