using System.Text.Json;
using AgentPlatform.Runtime.State;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>JSON documents in the state store, read and changed with optimistic concurrency (ETag, retried on conflict).</summary>
internal sealed class StateDocuments(IStateStore store)
{
    private const int MaxAttempts = 32;

    public async ValueTask<T?> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        return Deserialize<T>(await store.GetAsync(key, cancellationToken));
    }

    /// <summary>Applies <paramref name="change"/> to the stored value (null when missing); a null new value leaves the
    /// document unchanged.</summary>
    public async ValueTask<TResult> UpdateAsync<T, TResult>(string key, Func<T?, (T? Value, TResult Result)> change, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var entry = await store.GetAsync(key, cancellationToken);
            var current = Deserialize<T>(entry);
            var (value, result) = change(current);
            if (value is null)
            {
                return result;
            }

            var options = entry is null
                ? new StateWriteOptions(Concurrency: StateConcurrency.FirstWrite)
                : new StateWriteOptions(entry.ETag, StateConcurrency.FirstWrite);
            try
            {
                await store.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, WorkflowJson.Options), options, cancellationToken);
                return result;
            }
            catch (ETagMismatchException) when (attempt < MaxAttempts)
            {
                // Someone else changed the document: read it again and reapply the change.
            }
        }
    }

    private static T? Deserialize<T>(StateEntry? entry)
        where T : class =>
        entry is null ? null : JsonSerializer.Deserialize<T>(entry.Value.Span, WorkflowJson.Options);
}
