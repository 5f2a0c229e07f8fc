using AgentPlatform.DaprSidecar.Components;
using AgentPlatform.TestKit;

namespace AgentPlatform.DaprSidecar.Tests.Sidecars;

/// <summary>The double reads the repository's component YAML files, and its defaults use the same names.</summary>
public sealed class ComponentFileTests
{
    [Fact]
    public void The_slim_set_loads_with_one_actor_state_store_and_the_platform_names()
    {
        var slim = DaprComponentFiles.Load(Path.Combine(RepositoryPaths.Root, "components", "slim"));

        Assert.Equal(["actorstore", "pubsub", "pubsub-broadcast", "statestore"], slim.Select(c => c.Name).Order());
        Assert.Equal("actorstore", Assert.Single(slim, c => c.IsActorStateStore).Name);
        Assert.All(slim, component => Assert.Contains(DaprComponent.PlatformDefaults, known => known.Name == component.Name));
    }

    [Fact]
    public void A_per_replica_consumer_id_makes_a_pubsub_deliver_to_every_replica()
    {
        var local = DaprComponentFiles.Load(Path.Combine(RepositoryPaths.Root, "components", "local"));
        var common = DaprComponentFiles.Load(Path.Combine(RepositoryPaths.Root, "components", "common"));

        Assert.True(local.Single(c => c.Name == "pubsub-broadcast").DeliversToEveryReplica);
        Assert.False(local.Single(c => c.Name == "pubsub").DeliversToEveryReplica);
        Assert.True(common.Single(c => c.Name == "secretstore").IsSecretStore);
        Assert.True(DaprComponent.PlatformDefaults.Single(c => c.Name == "pubsub-broadcast").DeliversToEveryReplica);
    }

    [Fact]
    public void A_component_without_a_name_is_refused_with_its_file()
    {
        var folder = Directory.CreateTempSubdirectory("components-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "broken.yaml"), "apiVersion: dapr.io/v1alpha1\nkind: Component\nspec:\n  type: state.sqlite\n");

            var error = Assert.Throws<InvalidDataException>(() => DaprComponentFiles.Load(folder));

            Assert.Contains("broken.yaml", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
