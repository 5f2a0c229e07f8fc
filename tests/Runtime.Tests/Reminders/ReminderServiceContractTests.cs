using System.Diagnostics;
using System.Text.Json;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Reminders;

/// <summary>The behaviour every <see cref="IReminderService"/> must show, on real time; derive once per implementation.</summary>
/// <remarks>Periods are short but far above any runtime's timer resolution; "no more fires" is shown by a later sentinel
/// reminder instead of a sleep.</remarks>
public abstract class ReminderServiceContractTests : RuntimeContractTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_reminder_fires_after_its_due_time_with_its_data_and_reads_back()
    {
        await using var runtime = await StartAsync();
        var actor = ContractActor.Address("once");
        var registration = new ReminderRegistration("wake", TimeSpan.FromMilliseconds(50), Data: Json("""{"n":1}"""));
        var registeredAt = Stopwatch.GetTimestamp();

        await runtime.Reminders.RegisterAsync(actor, registration, TestTimeout.After());
        var stored = await runtime.Reminders.GetAsync(actor, "wake", TestTimeout.After());
        var fire = await NextFireAsync();

        Assert.Equal("wake", stored?.Name);
        Assert.Equal(registration.DueTime, stored?.DueTime);
        Assert.Null(stored?.Period);
        Assert.Equal(("once", "wake"), (fire.ActorKey, fire.Name));
        Assert.Equal(1, fire.Data?.GetProperty("n").GetInt32());
        Assert.True(Stopwatch.GetElapsedTime(registeredAt, fire.Timestamp) >= TimeSpan.FromMilliseconds(40), "fired before its due time");
    }

    [Fact]
    public async Task A_periodic_reminder_fires_every_period_until_unregistered()
    {
        await using var runtime = await StartAsync();
        var actor = ContractActor.Address("periodic");
        var registeredAt = Stopwatch.GetTimestamp();

        await runtime.Reminders.RegisterAsync(actor, new ReminderRegistration("beat", TimeSpan.Zero, Period), TestTimeout.After());
        var fires = new[] { await NextFireAsync(), await NextFireAsync(), await NextFireAsync() };
        await runtime.Reminders.UnregisterAsync(actor, "beat", TestTimeout.After());
        var unregisteredAt = Stopwatch.GetTimestamp();
        await runtime.Reminders.RegisterAsync(actor, new ReminderRegistration("sentinel", Period * 5), TestTimeout.After());
        var afterUnregister = new List<ContractReminderFire>();
        for (var next = await NextFireAsync(); next.Name != "sentinel"; next = await NextFireAsync())
        {
            afterUnregister.Add(next);
        }

        Assert.All(fires, fire => Assert.Equal("beat", fire.Name));
        // Fire k is due k periods after registration; a late fire does not push the later ones back.
        Assert.All(fires.Select((fire, k) => (fire, k)), item =>
            Assert.True(Stopwatch.GetElapsedTime(registeredAt, item.fire.Timestamp) >= Period * item.k * 0.9, $"fire {item.k} came early"));
        // Fires that happened before the unregistration may still wait in the test's queue when the machine is busy; only
        // those that happened after it count.
        var late = afterUnregister.Count(fire => fire.Timestamp > unregisteredAt);
        Assert.True(late <= 1, $"{late} fires after unregistering; at most one already under way is allowed");
        Assert.Null(await runtime.Reminders.GetAsync(actor, "beat", TestTimeout.After()));
    }

    [Fact]
    public async Task Registering_an_existing_name_replaces_it_and_unregistering_an_unknown_name_is_harmless()
    {
        await using var runtime = await StartAsync();
        var actor = ContractActor.Address("replaced");

        await runtime.Reminders.RegisterAsync(actor, new ReminderRegistration("wake", TimeSpan.FromHours(1), Data: Json("\"old\"")), TestTimeout.After());
        await runtime.Reminders.RegisterAsync(actor, new ReminderRegistration("wake", TimeSpan.Zero, Data: Json("\"new\"")), TestTimeout.After());
        await runtime.Reminders.UnregisterAsync(actor, "never-registered", TestTimeout.After());
        var fire = await NextFireAsync();

        Assert.Equal("new", fire.Data?.GetString());
    }

    [Fact]
    public async Task A_reminder_survives_a_restart_of_the_runtime()
    {
        var actor = ContractActor.Address("durable");
        await using (var first = await StartAsync())
        {
            await first.Reminders.RegisterAsync(actor, new ReminderRegistration("wake", TimeSpan.FromSeconds(1.5), TimeSpan.FromHours(1), Json("42")), TestTimeout.After());
        }

        Assert.False(Probe.Fires.Reader.TryPeek(out _), "the reminder fired before the runtime stopped; the test proves nothing");
        await using var second = await StartAsync();
        var fire = await NextFireAsync();

        Assert.Equal(("durable", "wake", 42), (fire.ActorKey, fire.Name, fire.Data?.GetInt32()));
        Assert.Equal(TimeSpan.FromHours(1), (await second.Reminders.GetAsync(actor, "wake", TestTimeout.After()))?.Period);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private async Task<ContractReminderFire> NextFireAsync() => await Probe.Fires.Reader.ReadAsync(TestTimeout.After(10));
}
