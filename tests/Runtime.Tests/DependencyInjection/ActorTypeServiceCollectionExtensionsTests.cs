using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Runtime.Tests.DependencyInjection;

public sealed class ActorTypeServiceCollectionExtensionsTests
{
    [Fact]
    public void Registering_the_same_type_again_changes_nothing()
    {
        var services = new ServiceCollection();
        var counter = FakeActor.Type("counter", new FakeActorBehavior());

        services.AddActorType(counter);
        services.AddActorType(counter with { });
        services.AddActorType("other", Create, TimeSpan.FromMinutes(1));
        services.AddActorType("other", Create, TimeSpan.FromMinutes(1));

        var registrations = services.BuildServiceProvider().GetServices<ActorTypeRegistration>().ToList();
        Assert.Equal(["counter", "other"], registrations.Select(r => r.Type));
        Assert.Same(counter, registrations[0]);
        Assert.Equal(TimeSpan.FromMinutes(1), registrations[1].IdleTimeout);
    }

    [Fact]
    public void Another_registration_under_a_taken_name_is_refused()
    {
        var services = new ServiceCollection().AddActorType("counter", Create);

        var otherFactory = Assert.Throws<InvalidOperationException>(() => services.AddActorType(FakeActor.Type("counter", new FakeActorBehavior())));
        Assert.Throws<InvalidOperationException>(() => services.AddActorType("counter", Create, TimeSpan.FromSeconds(5)));

        Assert.Contains("'counter'", otherFactory.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_type_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddActorType("a/b", host => new FakeActor(host, new FakeActorBehavior())));
    }

    private static FakeActor Create(ActorHost host) => new(host, new FakeActorBehavior());
}
