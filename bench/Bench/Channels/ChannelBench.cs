using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Embedded;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Embedded.State;

namespace AgentPlatform.Bench.Channels;

/// <summary>Durable channel posts with fan-out to 100 members, in process through the domain API over SQLite on disk.</summary>
public sealed class ChannelBench : BenchSuite
{
    private const int Members = 100;
    private const int Posters = 256;

    public override string Name => "channels";

    public override string Description => "channel post + fan-out to 100 members, durable in SQLite (in process)";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await RowAsync(report, "post, 1 channel x 100 members, 256 concurrent posters", "posts/s",
            p => PostAsync(p, channels: 1, posts: 20_000, Members, cancellationToken), cancellationToken);
        await RowAsync(report, "post, 1 channel x 1 member (no fan-out), 256 concurrent posters", "posts/s",
            p => PostAsync(p, channels: 1, posts: 20_000, members: 0, cancellationToken), cancellationToken);
        await RowAsync(report, "post, 10 channels x 100 members, 256 concurrent posters", "posts/s",
            p => PostAsync(p, channels: 10, posts: 20_000, Members, cancellationToken), cancellationToken);
        await RowAsync(report, "post + delivery to all 100 inboxes + ack, end to end", "posts/s",
            p => PostAndDeliverAsync(p, posts: 2_000, cancellationToken), cancellationToken);
        report.Note("Durable: every post is committed to SQLite (WAL) before PostAsync returns. Setup (creating channels, 100 joins) is not timed.");
    }

    private static async Task RowAsync(BenchReport report, string metric, string unit, Func<Platform, Task<double>> scenario, CancellationToken cancellationToken)
    {
        var rates = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var platform = new Platform();
            rates.Add(await scenario(platform));
        }

        report.Row(metric, unit, rates);
    }

    private static async Task<double> PostAsync(Platform platform, int channels, int posts, int members, CancellationToken cancellationToken)
    {
        var ids = new List<ChannelId>();
        for (var c = 0; c < channels; c++)
        {
            ids.Add(await platform.CreateChannelAsync($"bench-{c}", members, cancellationToken));
        }

        var next = -1;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Posters).Select(async poster =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < posts)
            {
                var channel = ids[i % ids.Count];
                var sender = members == 0 ? "owner" : $"agent-{i % members}";
                await platform.Channels.PostAsync(channel, sender, "bench", "a post of moderate length, as agents write", MessagePriority.Normal, cancellationToken);
            }
        }));
        return posts / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> PostAndDeliverAsync(Platform platform, int posts, CancellationToken cancellationToken)
    {
        var channel = await platform.CreateChannelAsync("fanout", Members, cancellationToken);
        for (var m = 0; m < Members; m++)
        {
            await DrainAsync(platform.Inbox, $"agent-{m}", int.MaxValue, cancellationToken);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var readers = Enumerable.Range(0, Members)
            .Select(m => Task.Run(() => DrainAsync(platform.Inbox, $"agent-{m}", posts, cancellationToken), cancellationToken))
            .ToList();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Posters).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < posts)
            {
                await platform.Channels.PostAsync(channel, "owner", "bench", "fan me out", MessagePriority.Normal, cancellationToken);
            }
        }));
        var delivered = await Task.WhenAll(readers);
        if (delivered.Any(d => d != posts))
        {
            throw new InvalidOperationException($"Expected {posts} deliveries per member, got {string.Join(",", delivered.Distinct())}.");
        }

        return posts / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Reads and acknowledges until <paramref name="expected"/> posts arrived, or until the inbox is empty when unbounded.</summary>
    private static async Task<int> DrainAsync(InboxService inbox, string agent, int expected, CancellationToken cancellationToken)
    {
        var received = 0;
        while (received < expected)
        {
            var deliveries = await inbox.ReadAsync(agent, 100, expected == int.MaxValue ? TimeSpan.Zero : TimeSpan.FromSeconds(5), cancellationToken);
            if (deliveries.Count == 0)
            {
                if (expected == int.MaxValue)
                {
                    return received;
                }

                throw new TimeoutException($"{agent} received {received} of {expected} posts.");
            }

            received += deliveries.Count(d => d.Message.Kind == MessageKind.Post);
            await inbox.AcknowledgeAsync(agent, [.. deliveries.Select(d => d.DeliveryId)], cancellationToken);
        }

        return received;
    }

    private sealed class Platform : IAsyncDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "agent-platform-bench", Guid.NewGuid().ToString("N"));
        private readonly SqliteDatabase _database;
        private readonly EmbeddedReminderService _reminders;
        private readonly EmbeddedActorRuntime _runtime;

        public Platform()
        {
            Directory.CreateDirectory(_directory);
            var system = ChannelSystem.Create(new ChannelOptions { PostCooldown = TimeSpan.Zero }, new InboxOptions());
            _database = new SqliteDatabase(Path.Combine(_directory, EmbeddedRuntimeOptions.DatabaseFileName), null);
            _reminders = new EmbeddedReminderService(new InMemoryReminderStore(), TimeProvider.System, null);
            _runtime = new EmbeddedActorRuntime(system.ActorTypes, new SqliteActorStateStore(_database), _reminders);
            Channels = system.CreateChannelService(_runtime);
            Inbox = system.CreateInboxService(_runtime);
        }

        public ChannelService Channels { get; }

        public InboxService Inbox { get; }

        public async Task<ChannelId> CreateChannelAsync(string name, int members, CancellationToken cancellationToken)
        {
            var id = ChannelId.Create(name);
            await Channels.CreateAsync(id, name, null, "owner", cancellationToken);
            for (var m = 0; m < members; m++)
            {
                await Channels.JoinAsync(id, $"agent-{m}", cancellationToken);
            }

            return id;
        }

        public async ValueTask DisposeAsync()
        {
            await _runtime.DisposeAsync();
            _reminders.Dispose();
            await _database.DisposeAsync();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
