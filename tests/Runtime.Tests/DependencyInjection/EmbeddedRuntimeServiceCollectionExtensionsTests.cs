using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.PubSub;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.Runtime.State;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Runtime.Tests.DependencyInjection;

public sealed class EmbeddedRuntimeServiceCollectionExtensionsTests
{
    private static readonly FakeActorBehavior Counter = new()
    {
        Invoke = async (actor, _, cancellationToken) =>
        {
            var count = await actor.State.GetStateOrDefaultAsync("count", 0, cancellationToken) + 1;
            actor.State.SetState("count", count);
            return count;
        },
    };

    [Fact]
    public async Task The_runtime_resolves_over_sqlite_and_keeps_state_across_providers()
    {
        using var directory = new TempDirectory();
        var id = ActorId.Create("counter", "1");
        for (var round = 1; round <= 2; round++)
        {
            await using var provider = Build(o => o.DataDirectory = directory.Path);
            await provider.StartEmbeddedRuntimeAsync(TestTimeout.After());

            Assert.IsType<SqliteStateStore>(provider.GetRequiredService<IStateStore>());
            Assert.IsType<SqliteActorStateStore>(provider.GetRequiredService<IActorStateStore>());
            Assert.Equal(round, await provider.GetRequiredService<IActorRuntime>().InvokeAsync<int>(id, "increment").AsTask().WithTimeout());
        }

        Assert.True(File.Exists(Path.Combine(directory.Path, "platform.db")));
    }

    [Fact]
    public async Task In_memory_storage_registers_every_port_once()
    {
        await using var provider = Build(o => o.UseInMemoryStorage = true, twice: true);

        Assert.IsType<InMemoryStateStore>(provider.GetRequiredService<IStateStore>());
        Assert.IsType<InMemoryActorStateStore>(provider.GetRequiredService<IActorStateStore>());
        Assert.IsType<InMemoryPubSub>(provider.GetRequiredService<IPubSub>());
        Assert.Same(provider.GetRequiredService<EmbeddedActorRuntime>(), provider.GetRequiredService<IActorRuntime>());
        Assert.NotNull(provider.GetRequiredService<IReminderService>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Single(provider.GetServices<IActorRuntime>());
        Assert.True(provider.GetRequiredService<IActorRuntime>().IsRegistered("counter"));
        Assert.Equal(1, await provider.GetRequiredService<IActorRuntime>().InvokeAsync<int>(ActorId.Create("counter", "1"), "increment").AsTask().WithTimeout());
    }

    [Fact]
    public void A_registered_clock_is_kept_and_invalid_options_are_reported()
    {
        var time = new ManualTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddEmbeddedRuntime(o =>
        {
            o.UseInMemoryStorage = false;
            o.DataDirectory = " ";
            o.IdleScanInterval = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AgentPlatform.Runtime.Embedded.EmbeddedRuntimeOptions>>().Value);
        Assert.Equal(2, error.Failures.Count());
    }

    private static ServiceProvider Build(Action<AgentPlatform.Runtime.Embedded.EmbeddedRuntimeOptions> configure, bool twice = false)
    {
        var services = new ServiceCollection();
        services.AddEmbeddedRuntime(configure);
        if (twice)
        {
            services.AddEmbeddedRuntime();
        }

        services.AddActorType("counter", host => new FakeActor(host, Counter));
        return services.BuildServiceProvider();
    }
}
