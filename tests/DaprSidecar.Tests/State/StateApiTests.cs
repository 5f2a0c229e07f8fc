using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Tests.Support;
using AgentPlatform.TestKit;
using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Tests.State;

/// <summary>The unmodified DaprClient against the double's gRPC state API.</summary>
public sealed class StateApiTests : IAsyncLifetime
{
    private const string Store = "statestore";

    private readonly TempDirectory _data = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private DaprTestCluster _cluster = null!;
    private DaprClient _client = null!;

    public async Task InitializeAsync()
    {
        var options = new DaprTestClusterOptions { DataDirectory = _data.Path, TimeProvider = _time };
        options.AppPorts.Add(FreePorts.TakeOne());
        _cluster = await DaprTestCluster.StartAsync(options, TestTimeout.After());
        var sidecar = _cluster.Sidecars[0];
        _client = new DaprClientBuilder().UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString()).UseHttpEndpoint(sidecar.HttpEndpoint.ToString()).Build();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Saved_state_reads_back_with_an_etag_that_a_later_write_makes_stale_for_save_and_delete()
    {
        var token = TestTimeout.After();
        await _client.SaveStateAsync(Store, "profile", new Profile("planner", 1), cancellationToken: token);

        var (value, etag) = await _client.GetStateAndETagAsync<Profile>(Store, "profile", cancellationToken: token);
        Assert.Equal(new Profile("planner", 1), value);
        Assert.False(string.IsNullOrEmpty(etag));

        Assert.True(await _client.TrySaveStateAsync(Store, "profile", new Profile("planner", 2), etag, cancellationToken: token));
        Assert.False(await _client.TrySaveStateAsync(Store, "profile", new Profile("stale", 3), etag, cancellationToken: token));
        Assert.False(await _client.TryDeleteStateAsync(Store, "profile", etag, cancellationToken: token));
        Assert.Equal(new Profile("planner", 2), await _client.GetStateAsync<Profile>(Store, "profile", cancellationToken: token));
    }

    [Fact]
    public async Task First_write_without_an_etag_only_inserts()
    {
        var token = TestTimeout.After();
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };
        await _client.SaveStateAsync(Store, "lock", "a", firstWrite, cancellationToken: token);

        var error = await Assert.ThrowsAsync<DaprException>(() => _client.SaveStateAsync(Store, "lock", "b", firstWrite, cancellationToken: token));

        Assert.Equal(StatusCode.Aborted, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal("a", await _client.GetStateAsync<string>(Store, "lock", cancellationToken: token));
    }

    [Fact]
    public async Task A_transaction_with_one_stale_etag_changes_nothing()
    {
        var token = TestTimeout.After();
        await _client.SaveStateAsync(Store, "a", 1, cancellationToken: token);
        await _client.SaveStateAsync(Store, "b", 1, cancellationToken: token);
        var (_, etagOfB) = await _client.GetStateAndETagAsync<int>(Store, "b", cancellationToken: token);
        await _client.SaveStateAsync(Store, "b", 2, cancellationToken: token);

        var error = await Assert.ThrowsAsync<DaprException>(() => _client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest("a", System.Text.Encoding.UTF8.GetBytes("10"), StateOperationType.Upsert),
            new StateTransactionRequest("b", System.Text.Encoding.UTF8.GetBytes("10"), StateOperationType.Upsert, etagOfB),
        ], cancellationToken: token));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal(1, await _client.GetStateAsync<int>(Store, "a", cancellationToken: token));
        Assert.Equal(2, await _client.GetStateAsync<int>(Store, "b", cancellationToken: token));
    }

    [Fact]
    public async Task A_transaction_applies_upserts_and_deletes_together()
    {
        var token = TestTimeout.After();
        await _client.SaveStateAsync(Store, "draft", "x", cancellationToken: token);

        await _client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest("message", System.Text.Encoding.UTF8.GetBytes("\"hi\""), StateOperationType.Upsert),
            new StateTransactionRequest("draft", null, StateOperationType.Delete),
        ], cancellationToken: token);

        Assert.Equal("hi", await _client.GetStateAsync<string>(Store, "message", cancellationToken: token));
        Assert.Null(await _client.GetStateAsync<string>(Store, "draft", cancellationToken: token));
    }

    [Fact]
    public async Task Bulk_get_answers_every_key_and_leaves_missing_ones_empty()
    {
        var token = TestTimeout.After();
        await _client.SaveStateAsync(Store, "k1", "one", cancellationToken: token);
        await _client.SaveStateAsync(Store, "k3", "three", cancellationToken: token);

        var items = await _client.GetBulkStateAsync<string>(Store, ["k1", "k2", "k3"], parallelism: 2, cancellationToken: token);

        Assert.Equal(["k1", "k2", "k3"], items.Select(item => item.Key).Order());
        Assert.Equal("one", items.Single(item => item.Key == "k1").Value);
        Assert.Null(items.Single(item => item.Key == "k2").Value);
        Assert.False(string.IsNullOrEmpty(items.Single(item => item.Key == "k3").ETag));
    }

    [Fact]
    public async Task State_saved_with_a_ttl_reads_as_missing_once_it_expires()
    {
        var token = TestTimeout.After();
        await _client.SaveStateAsync(Store, "session", "live", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "60" }, cancellationToken: token);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("live", await _client.GetStateAsync<string>(Store, "session", cancellationToken: token));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await _client.GetStateAsync<string>(Store, "session", cancellationToken: token));
    }

    [Fact]
    public async Task State_survives_a_new_cluster_on_the_same_data_directory()
    {
        var token = TestTimeout.After();
        await _client.SaveStateAsync(Store, "durable", 42, cancellationToken: token);
        await _cluster.DisposeAsync();

        var options = new DaprTestClusterOptions { DataDirectory = _data.Path };
        options.AppPorts.Add(FreePorts.TakeOne());
        _cluster = await DaprTestCluster.StartAsync(options, token);
        using var client = new DaprClientBuilder().UseGrpcEndpoint(_cluster.Sidecars[0].GrpcEndpoint.ToString()).Build();

        Assert.Equal(42, await client.GetStateAsync<int>(Store, "durable", cancellationToken: token));
    }

    [Fact]
    public async Task The_conflict_fault_fails_the_next_conditional_write_only()
    {
        var token = TestTimeout.After();
        await _client.SaveStateAsync(Store, "k", 1, cancellationToken: token);
        var (_, etag) = await _client.GetStateAndETagAsync<int>(Store, "k", cancellationToken: token);
        _cluster.Faults.ConflictStateWrites(1);

        await _client.SaveStateAsync(Store, "other", 1, cancellationToken: token);
        Assert.False(await _client.TrySaveStateAsync(Store, "k", 2, etag, cancellationToken: token));
        Assert.True(await _client.TrySaveStateAsync(Store, "k", 2, etag, cancellationToken: token));
    }

    [Fact]
    public async Task An_unknown_store_is_an_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<DaprException>(() => _client.GetStateAsync<string>("nope", "k", cancellationToken: TestTimeout.After()));

        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    private sealed record Profile(string Role, int Turns);
}
