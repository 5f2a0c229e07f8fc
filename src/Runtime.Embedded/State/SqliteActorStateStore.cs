using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>Durable actor state in the embedded runtime's SQLite file; each commit is one atomic, fsync'd group-commit entry.</summary>
public sealed class SqliteActorStateStore : IActorStateStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/>.</summary>
    public SqliteActorStateStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc/>
    public ValueTask<byte[]?> GetAsync(ActorId actor, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_database.Read(
            (Actor: actor, Key: key),
            static (commands, s) => commands.ActorKeyed(SqliteSchema.GetActorState, s.Actor.Type, s.Actor.Key, s.Key).QueryBlob()));
    }

    /// <inheritdoc/>
    public ValueTask CommitAsync(ActorId actor, IReadOnlyList<ActorStateChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _database.WriteAsync(new ActorCommitWrite(actor, changes));
    }

    private sealed class ActorCommitWrite(ActorId actor, IReadOnlyList<ActorStateChange> changes) : SqliteWrite
    {
        public override void Execute(SqliteWriter writer)
        {
            foreach (var change in changes)
            {
                if (change.Value is null)
                {
                    writer.DeleteActorState(actor.Type, actor.Key, change.Key);
                }
                else
                {
                    writer.UpsertActorState(actor.Type, actor.Key, change.Key, change.Value);
                }
            }
        }
    }
}
