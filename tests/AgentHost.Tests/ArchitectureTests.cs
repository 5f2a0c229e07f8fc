using System.Reflection;

namespace AgentPlatform.AgentHost.Tests;

/// <summary>Dependencies point down only: Agents and Workflows see the runtime ports, never an implementation.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] ImplementationAssemblies = ["AgentPlatform.Runtime.Embedded", "AgentPlatform.Runtime.Dapr"];

    [Theory]
    [InlineData("AgentPlatform.Agents")]
    [InlineData("AgentPlatform.Llm")]
    [InlineData("AgentPlatform.Workflows")]
    [InlineData("AgentPlatform.Runtime")]
    [InlineData("AgentPlatform.Api")]
    [InlineData("AgentPlatform.Api.Grpc")]
    public void Layer_does_not_reference_a_runtime_implementation(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);

        var references = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(references, r => ImplementationAssemblies.Contains(r));
        Assert.DoesNotContain(assembly.GetTypes(), t => t.Namespace is { } ns && ImplementationAssemblies.Any(ns.StartsWith));
    }

    [Fact]
    public void Workflows_and_agents_do_not_depend_on_each_other_or_the_host()
    {
        var agents = Assembly.Load("AgentPlatform.Agents").GetReferencedAssemblies().Select(a => a.Name).ToList();
        var runtime = Assembly.Load("AgentPlatform.Runtime").GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("AgentPlatform.AgentHost", agents);
        Assert.DoesNotContain(runtime, r => r is not null && r.StartsWith("AgentPlatform.", StringComparison.Ordinal));
    }
}
