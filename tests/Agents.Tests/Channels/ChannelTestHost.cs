using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Channels;

/// <summary>Channels and inboxes on the embedded runtime with a manual clock; in memory, or over SQLite in a directory
/// that outlives the host so a test can start a second host over the same file.</summary>
internal sealed class ChannelTestHost : IAsyncDisposable
{
    private readonly EmbeddedActorRuntime _runtime;
    private readonly EmbeddedReminderService _reminders;
    private readonly SqliteDatabase? _database;

    private ChannelTestHost(
        ChannelOptions channelOptions, InboxOptions inboxOptions, string? dataDirectory, ManualTimeProvider time, TimeProvider clock, IPubSub? pubSub, IInboxSignalRelay? relay)
    {
        Time = time;
        var signals = relay is null ? new InboxSignals() : new InboxSignals(relay);
        var system = ChannelSystem.Create(channelOptions, inboxOptions, signals, new ChannelMetrics(), clock, null, pubSub);
        Metrics = system.Metrics;
        IActorStateStore store;
        if (dataDirectory is null)
        {
            store = new InMemoryActorStateStore();
        }
        else
        {
            _database = new SqliteDatabase(Path.Combine(dataDirectory, EmbeddedRuntimeOptions.DatabaseFileName), null);
            store = new SqliteActorStateStore(_database);
        }

        _reminders = new EmbeddedReminderService(new InMemoryReminderStore(), clock, null);
        _runtime = new EmbeddedActorRuntime(system.ActorTypes, store, _reminders, new EmbeddedRuntimeOptions(), clock, null, null);
        Channels = system.CreateChannelService(_runtime);
        Inbox = system.CreateInboxService(_runtime);
    }

    public ManualTimeProvider Time { get; }

    public ChannelService Channels { get; }

    public InboxService Inbox { get; }

    public ChannelMetrics Metrics { get; }

    public static ChannelTestHost Start(
        Action<ChannelOptions>? channels = null,
        Action<InboxOptions>? inbox = null,
        string? dataDirectory = null,
        ManualTimeProvider? time = null,
        Func<ManualTimeProvider, TimeProvider>? clock = null,
        IPubSub? pubSub = null,
        IInboxSignalRelay? relay = null)
    {
        var channelOptions = new ChannelOptions { PostCooldown = TimeSpan.Zero };
        channels?.Invoke(channelOptions);
        var inboxOptions = new InboxOptions();
        inbox?.Invoke(inboxOptions);
        time ??= new ManualTimeProvider();
        return new ChannelTestHost(channelOptions, inboxOptions, dataDirectory, time, clock?.Invoke(time) ?? time, pubSub, relay);
    }

    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "agent-platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task<ChannelId> CreateChannelAsync(string creator, params string[] members)
    {
        var id = ChannelId.Create("c-" + Guid.NewGuid().ToString("N")[..12]);
        await Channels.CreateAsync(id, "Test channel", null, creator);
        foreach (var member in members)
        {
            await Channels.JoinAsync(id, member);
        }

        return id;
    }

    /// <summary>Reads and acknowledges everything pending for <paramref name="agents"/> (join announcements and the like).</summary>
    public async Task DrainAsync(params string[] agents)
    {
        foreach (var agent in agents)
        {
            var deliveries = await Inbox.ReadAsync(agent, 100, TimeSpan.Zero).WithTimeout();
            await Inbox.AcknowledgeAsync(agent, [.. deliveries.Select(d => d.DeliveryId)]).WithTimeout();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync();
        _reminders.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Metrics.Dispose();
    }
}
