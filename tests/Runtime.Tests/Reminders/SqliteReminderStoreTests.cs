using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.Runtime.Tests.Support;

namespace AgentPlatform.Runtime.Tests.Reminders;

/// <summary>The SQLite reminder store writes through raw statements bound by position: every field, NULL included, reads back
/// after the file is opened again.</summary>
public sealed class SqliteReminderStoreTests : IDisposable
{
    private static readonly DateTimeOffset Due = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_field_reads_back_a_replacement_clears_period_and_data_and_a_delete_removes_only_its_reminder()
    {
        var actor = ActorId.Create("reminder-test", "actor-é-" + new string('k', 200));
        var data = JsonDocument.Parse($$"""{"note":"{{new string('d', 600)}}","n":1}""").RootElement.Clone();
        var periodic = new StoredReminder(actor, new ReminderRegistration("tick", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), data), Due);
        var oneShot = new StoredReminder(actor, new ReminderRegistration("once", TimeSpan.FromHours(2)), Due.AddHours(2));
        var replaced = new StoredReminder(actor, new ReminderRegistration("tick", TimeSpan.FromSeconds(7)), Due.AddSeconds(7));
        var other = new StoredReminder(ActorId.Create("reminder-test", "other"), new ReminderRegistration("tick", TimeSpan.Zero), Due);

        using (var database = new SqliteDatabase(_directory.DatabasePath))
        {
            var store = new SqliteReminderStore(database);
            await store.SaveAsync(periodic);
            await store.SaveAsync(oneShot);
            await store.SaveAsync(other);
            Assert.Equal([Text(oneShot), Text(periodic), Text(other)], await LoadedAsync(store));

            await store.SaveAsync(replaced);
            await store.DeleteAsync(other.Actor, "tick");
        }

        using var reopened = new SqliteDatabase(_directory.DatabasePath);
        Assert.Equal([Text(oneShot), Text(replaced)], await LoadedAsync(new SqliteReminderStore(reopened)));
    }

    private static async Task<List<string>> LoadedAsync(SqliteReminderStore store) =>
        [.. (await store.LoadAllAsync()).Select(Text).Order(StringComparer.Ordinal)];

    /// <summary>Every field of a reminder as text (the data as its raw JSON), for comparison.</summary>
    private static string Text(StoredReminder reminder) =>
        $"{reminder.Actor}|{reminder.Registration.Name}|{reminder.Registration.DueTime.Ticks}|{reminder.Registration.Period?.Ticks}|" +
        $"{reminder.Registration.Data?.GetRawText()}|{reminder.NextDueTime.UtcTicks}";
}
