using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Agents;

/// <summary>The host configuration that loads the built <c>samples/autogen-agents</c> assembly: its countdown and nested agent types
/// and their message wire names.</summary>
internal static class AutoGenSampleSettings
{
    public static string SampleAssembly => Path.Combine(
        RepositoryPaths.Root, "samples", "autogen-agents", "bin", RepositoryPaths.Configuration, "net10.0", "AgentPlatform.Samples.AutoGen.dll");

    public static Dictionary<string, string> For(string assembly) => new()
    {
        ["Agents__Assemblies__0"] = assembly,
        ["Agents__Types__modifier"] = "AgentPlatform.Samples.AutoGen.Countdown.ModifierAgent",
        ["Agents__Types__checker"] = "AgentPlatform.Samples.AutoGen.Countdown.CheckerAgent",
        ["Agents__Types__outer"] = "AgentPlatform.Samples.AutoGen.Nested.OuterAgent",
        ["Agents__Types__inner"] = "AgentPlatform.Samples.AutoGen.Nested.InnerAgent",
        ["Agents__MessageTypes__autogen.countdown"] = "AgentPlatform.Samples.AutoGen.Countdown.CountdownMessage",
        ["Agents__MessageTypes__autogen.nested"] = "AgentPlatform.Samples.AutoGen.Nested.NestedMessage",
    };
}
