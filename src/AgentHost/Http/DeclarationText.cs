using System.Text;

namespace AgentPlatform.AgentHost.Http;

/// <summary>Reads a declaration body (workflow definition, team) that may be JSON or YAML, within a size limit.</summary>
public static class DeclarationText
{
    /// <summary>True when <paramref name="contentType"/> names YAML.</summary>
    public static bool IsYaml(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        return mediaType is not null
            && (mediaType.Equals("application/yaml", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("application/x-yaml", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("text/yaml", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("text/x-yaml", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads the body as UTF-8 text; null when it exceeds <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> ReadAsync(HttpContext context, int limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
