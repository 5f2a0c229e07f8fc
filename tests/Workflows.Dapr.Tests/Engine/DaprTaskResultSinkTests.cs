using AgentPlatform.Runtime.State;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Engines.Dapr;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Workflows.Dapr.Tests.Engine;

/// <summary>The kept task results of the Dapr engine, in the app's SQLite state store, raised to the workflow backend double.</summary>
public sealed class DaprTaskResultSinkTests
{
    [Fact]
    public async Task Forgetting_more_results_than_one_batch_deletes_them_all_in_transactions_of_at_most_one_batch()
    {
        using var directory = new TempDirectory();
        await using var server = await WorkflowBackendServer.StartAsync(Path.Combine(directory.Path, "workflows.db"));
        CountingStateStore? store = null;
        await using var app = await DaprEngineApp.StartAsync(server.Endpoint, Path.Combine(directory.Path, "app"), new ConformanceAgents(), services =>
        {
            var embedded = services.Single(d => d.ServiceType == typeof(IStateStore));
            services.Remove(embedded);
            services.AddSingleton<IStateStore>(sp => store = new CountingStateStore((IStateStore)embedded.ImplementationFactory!(sp)));
        });
        var sink = app.Services.GetRequiredService<DaprTaskResultSink>();

        // Results of an instance the backend does not know: they are kept, and their raise finds nobody waiting.
        var taskIds = Enumerable.Range(1, (2 * DaprTaskResultSink.ForgetBatchSize) + 1).Select(attempt => $"purged-1:work:{attempt}").ToList();
        foreach (var taskId in taskIds)
        {
            await sink.ReportAsync(WorkflowTaskResult.Success(taskId, null), TestTimeout.After());
        }

        Assert.True(await sink.TryRedeliverAsync(taskIds[^1], TestTimeout.After()));

        await sink.ForgetAsync(taskIds, TestTimeout.After());

        foreach (var taskId in taskIds)
        {
            Assert.False(await sink.TryRedeliverAsync(taskId, TestTimeout.After()), taskId);
        }

        Assert.Equal([DaprTaskResultSink.ForgetBatchSize, DaprTaskResultSink.ForgetBatchSize, 1], store!.Transactions);
        Assert.Equal(0, store.SingleDeletes);
    }

    /// <summary>Passes every call to the embedded store and counts deletes sent one by one and the size of each transaction.</summary>
    private sealed class CountingStateStore(IStateStore inner) : IStateStore
    {
        private readonly List<int> _transactions = [];
        private int _singleDeletes;

        public IReadOnlyList<int> Transactions
        {
            get
            {
                lock (_transactions)
                {
                    return [.. _transactions];
                }
            }
        }

        public int SingleDeletes => Volatile.Read(ref _singleDeletes);

        public string Name => inner.Name;

        public ValueTask<StateEntry?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public ValueTask<IReadOnlyList<StateEntry?>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
            inner.GetBulkAsync(keys, cancellationToken);

        public ValueTask<string> SetAsync(string key, ReadOnlyMemory<byte> value, StateWriteOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.SetAsync(key, value, options, cancellationToken);

        public ValueTask DeleteAsync(string key, string? etag = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _singleDeletes);
            return inner.DeleteAsync(key, etag, cancellationToken);
        }

        public ValueTask TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken = default)
        {
            if (operations.All(operation => operation is StateOperation.Delete))
            {
                lock (_transactions)
                {
                    _transactions.Add(operations.Count);
                }
            }

            return inner.TransactAsync(operations, cancellationToken);
        }
    }
}
