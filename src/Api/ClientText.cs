namespace AgentPlatform.Api;

/// <summary>Text a client sent, made safe to echo back in an error (problem+json or a gRPC status).</summary>
public static class ClientText
{
    /// <summary>At most 64 characters, control characters replaced by '?'.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.Length > 64 ? text[..64] + "…" : text;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
