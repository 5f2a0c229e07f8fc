using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Runtime.Embedded.Reminders;

/// <summary>Persists reminders in the embedded runtime's SQLite file, through its group commit.</summary>
public sealed class SqliteReminderStore : IReminderStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/>.</summary>
    public SqliteReminderStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StoredReminder>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reminders = _database.Read(0, static (commands, _) =>
        {
            var result = new List<StoredReminder>();
            using var reader = commands.Bind(SqliteSchema.LoadReminders).ExecuteReader();
            while (reader.Read())
            {
                var actor = ActorId.Create(reader.GetString(0), reader.GetString(1));
                JsonElement? data = null;
                if (!reader.IsDBNull(5))
                {
                    using var document = JsonDocument.Parse(reader.GetString(5));
                    data = document.RootElement.Clone();
                }

                var registration = new ReminderRegistration(
                    reader.GetString(2),
                    TimeSpan.FromTicks(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : TimeSpan.FromTicks(reader.GetInt64(4)),
                    data);
                result.Add(new StoredReminder(actor, registration, new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero)));
            }

            return result;
        });
        return ValueTask.FromResult<IReadOnlyList<StoredReminder>>(reminders);
    }

    /// <inheritdoc/>
    public ValueTask SaveAsync(StoredReminder reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        cancellationToken.ThrowIfCancellationRequested();
        return _database.WriteAsync(new SaveWrite(reminder));
    }

    /// <inheritdoc/>
    public ValueTask DeleteAsync(ActorId actor, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return _database.WriteAsync(new DeleteWrite(actor, name));
    }

    private sealed class SaveWrite(StoredReminder reminder) : SqliteWrite
    {
        public override void Execute(SqliteWriter writer)
        {
            var registration = reminder.Registration;
            var statement = writer.Commands.ActorKeyed(SqliteSchema.UpsertReminder, reminder.Actor.Type, reminder.Actor.Key, registration.Name);
            statement.BindInt64(4, registration.DueTime.Ticks);
            statement.BindInt64(5, registration.Period?.Ticks);
            statement.BindTextOrNull(6, registration.Data?.GetRawText());
            statement.BindInt64(7, reminder.NextDueTime.UtcTicks);
            statement.Execute();
        }
    }

    private sealed class DeleteWrite(ActorId actor, string name) : SqliteWrite
    {
        public override void Execute(SqliteWriter writer) =>
            writer.Commands.ActorKeyed(SqliteSchema.DeleteReminder, actor.Type, actor.Key, name).Execute();
    }
}
