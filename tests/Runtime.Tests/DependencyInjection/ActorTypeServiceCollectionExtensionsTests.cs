using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Runtime.Tests.DependencyInjection;

public sealed class ActorTypeServiceCollectionExtensionsTests
{
    [Fact]
    public void A_second_registration_of_the_same_type_name_changes_nothing()
    {
        var services = new ServiceCollection();
        var first = FakeActor.Type("counter", new FakeActorBehavior());

        services.AddActorType(first);
        services.AddActorType(FakeActor.Type("counter", new FakeActorBehavior()));
        services.AddActorType("other", host => new FakeActor(host, new FakeActorBehavior()), TimeSpan.FromMinutes(1));

        var registrations = services.BuildServiceProvider().GetServices<ActorTypeRegistration>().ToList();
        Assert.Equal(["counter", "other"], registrations.Select(r => r.Type));
        Assert.Same(first, registrations[0]);
        Assert.Equal(TimeSpan.FromMinutes(1), registrations[1].IdleTimeout);
    }

    [Fact]
    public void An_invalid_type_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddActorType("a/b", host => new FakeActor(host, new FakeActorBehavior())));
    }
}
