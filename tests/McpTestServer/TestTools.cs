using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol.Server;

namespace AgentPlatform.McpTestServer;

/// <summary>Deterministic tools, so a test knows what each call answers.</summary>
[McpServerToolType]
public static class TestTools
{
    /// <summary>Reverses a text.</summary>
    [McpServerTool(Name = "reverse")]
    [Description("Reverses the text.")]
    public static string Reverse([Description("The text to reverse.")] string text) =>
        new([.. (text ?? "").Reverse()]);

    /// <summary>Adds two whole numbers.</summary>
    [McpServerTool(Name = "add")]
    [Description("Adds two whole numbers.")]
    public static string Add(long a, long b) => (a + b).ToString(CultureInfo.InvariantCulture);
}
