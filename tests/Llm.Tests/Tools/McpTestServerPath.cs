using AgentPlatform.Llm.Tools;
using AgentPlatform.TestKit;

namespace AgentPlatform.Llm.Tests.Tools;

/// <summary>The MCP test server (tests/McpTestServer) as an agent's stdio MCP server.</summary>
internal static class McpTestServerPath
{
    public static string Assembly =>
        Path.Combine(RepositoryPaths.Root, "tests", "McpTestServer", "bin", RepositoryPaths.Configuration, "net10.0", "AgentPlatform.McpTestServer.dll");

    public static LlmMcpServerOptions Server(string name) => new() { Name = name, Command = "dotnet", Args = [Assembly] };
}
