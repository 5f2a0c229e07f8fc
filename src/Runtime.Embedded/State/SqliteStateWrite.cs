using AgentPlatform.Runtime.State;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>A set, delete or transaction of one <see cref="SqliteStateStore"/>, applied on the writer thread.</summary>
internal sealed class SqliteStateWrite(string store, IReadOnlyList<StateOperation> operations, DateTimeOffset now) : SqliteWrite
{
    /// <summary>The ETag of the last upsert, once committed.</summary>
    public string? ETag { get; private set; }

    public override void Execute(SqliteWriter writer)
    {
        if (operations.Count == 1)
        {
            Apply(writer, operations[0]);
            return;
        }

        writer.Commands.Execute("SAVEPOINT tx");
        try
        {
            foreach (var operation in operations)
            {
                Apply(writer, operation);
            }
        }
        catch (ETagMismatchException)
        {
            writer.Commands.Execute("ROLLBACK TO tx");
            writer.Commands.Execute("RELEASE tx");
            throw;
        }

        writer.Commands.Execute("RELEASE tx");
    }

    private void Apply(SqliteWriter writer, StateOperation operation)
    {
        var current = writer.CurrentETag(store, operation.Key, now.ToUnixTimeMilliseconds());
        switch (operation)
        {
            case StateOperation.Upsert upsert:
                StateRules.CheckWrite(upsert.Key, current, upsert.Options);
                var etag = writer.NextETag();
                writer.Execute(SqliteSchema.UpsertState, store, upsert.Key, upsert.Value.ToArray(), etag, StateRules.ExpiresAt(upsert.Options, now));
                ETag = StateRules.Format(etag);
                break;
            case StateOperation.Delete delete:
                StateRules.CheckDelete(delete.Key, current, delete.ETag);
                writer.Execute(SqliteSchema.DeleteState, store, delete.Key);
                break;
        }
    }
}
