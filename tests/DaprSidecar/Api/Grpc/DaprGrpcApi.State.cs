using AgentPlatform.DaprSidecar.State;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Api.Grpc;

// State as daprd serves it: keys stored as {appId}||{key}, a stale ETag or a first-write on an existing key is Aborted
// on save and delete, and any failure inside a transaction is Internal (daprd wraps it in ERR_STATE_TRANSACTION).
internal sealed partial class DaprGrpcApi
{
    public override Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context)
    {
        var store = StoreName(request.StoreName);
        var entry = cluster.State.Get(store, StoredKey(request.Key));
        var response = new GetStateResponse();
        if (entry is not null)
        {
            response.Data = ByteString.CopyFrom(entry.Value);
            response.Etag = entry.ETag;
            AddTtl(response.Metadata, entry);
        }

        return Task.FromResult(response);
    }

    public override Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context)
    {
        var store = StoreName(request.StoreName);
        var response = new GetBulkStateResponse();
        foreach (var key in request.Keys)
        {
            var item = new BulkStateItem { Key = key };
            if (cluster.State.Get(store, StoredKey(key)) is { } entry)
            {
                item.Data = ByteString.CopyFrom(entry.Value);
                item.Etag = entry.ETag;
                AddTtl(item.Metadata, entry);
            }

            response.Items.Add(item);
        }

        return Task.FromResult(response);
    }

    public override Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context) =>
        WriteItems(request.StoreName, request.States, delete: false);

    public override Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context) =>
        WriteItems(request.StoreName, [new StateItem { Key = request.Key, Etag = request.Etag, Options = request.Options }], delete: true);

    public override Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context) =>
        WriteItems(request.StoreName, request.States, delete: true);

    public override Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context)
    {
        var store = StoreName(request.StoreName);
        var writes = request.Operations.Select(operation => operation.OperationType switch
        {
            "upsert" => ToWrite(operation.Request, delete: false),
            "delete" => ToWrite(operation.Request, delete: true),
            _ => throw Invalid($"operation type {operation.OperationType} not supported"),
        }).ToList();
        Write(store, writes, transaction: true);
        return Task.FromResult(new Empty());
    }

    private Task<Empty> WriteItems(string storeName, IEnumerable<StateItem> items, bool delete)
    {
        var store = StoreName(storeName);
        Write(store, items.Select(item => ToWrite(item, delete)).ToList(), transaction: false);
        return Task.FromResult(new Empty());
    }

    private void Write(string store, IReadOnlyList<StateWrite> writes, bool transaction)
    {
        try
        {
            cluster.State.Apply(store, writes);
        }
        catch (StateConflictException exception)
        {
            throw transaction
                ? new RpcException(new Status(StatusCode.Internal, $"error while executing state transaction: {exception.Message}"))
                : new RpcException(new Status(StatusCode.Aborted, $"failed saving state in state store {store}: {exception.Message}"));
        }
    }

    private StateWrite ToWrite(StateItem? item, bool delete)
    {
        if (item is null)
        {
            throw Invalid("a state operation needs a request");
        }

        var metadata = item.Metadata.ToDictionary(pair => pair.Key, pair => pair.Value);
        TimeSpan? ttl;
        try
        {
            ttl = delete ? null : StateStore.ParseTtl(metadata);
        }
        catch (FormatException exception)
        {
            throw Invalid(exception.Message);
        }

        return new StateWrite(
            StoredKey(item.Key),
            delete ? null : item.Value.ToByteArray(),
            item.Etag?.Value,
            item.Options?.Concurrency == StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite,
            ttl);
    }

    private string StoreName(string name)
    {
        if (cluster.Components.StateStore(name) is null)
        {
            throw Invalid($"state store {name} is not found");
        }

        return name;
    }

    private string StoredKey(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw Invalid("a state key must not be empty");
        }

        if (key.Contains("||", StringComparison.Ordinal))
        {
            throw Invalid($"input key/keyPrefix '{key}' can't contain '||'");
        }

        return $"{cluster.Options.AppId}||{key}";
    }

    private static void AddTtl(Google.Protobuf.Collections.MapField<string, string> metadata, StateEntry entry)
    {
        if (entry.ExpiresAt is { } expiresAt)
        {
            metadata["ttlExpireTime"] = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
