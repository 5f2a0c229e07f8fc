using System.Buffers;
using System.Globalization;
using System.Text;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>The one place where platform actor keys, reminder and timer names and actor state keys become names daprd
/// accepts in a URL path segment, and back.</summary>
/// <remarks>Dapr 1.18 rejects names with <c>/ \ # ?</c>, control characters or equal to <c>.</c>/<c>..</c>, and the SDKs put
/// names into request paths without escaping them, so a <c>%</c> or a space would be decoded or refused on the way.
/// Letters, digits, <c>-</c>, <c>_</c>, <c>:</c> and <c>@</c> pass unchanged; every other character is written as <c>~</c>
/// followed by the upper-case hex of its UTF-8 bytes. The mapping is reversible and never produces <c>.</c> or <c>..</c>.</remarks>
public static class DaprNameCodec
{
    private const char Escape = '~';
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:@");

    /// <summary>The Dapr form of <paramref name="name"/>; the name itself when it needs no escaping.</summary>
    public static string Encode(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!name.AsSpan().ContainsAnyExcept(Plain))
        {
            return name;
        }

        var text = new StringBuilder(name.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (Plain.Contains(c))
            {
                text.Append(c);
                continue;
            }

            var width = char.IsHighSurrogate(c) && i + 1 < name.Length ? 2 : 1;
            var count = Encoding.UTF8.GetBytes(name.AsSpan(i, width), bytes);
            for (var b = 0; b < count; b++)
            {
                text.Append(Escape).Append(bytes[b].ToString("X2", CultureInfo.InvariantCulture));
            }

            i += width - 1;
        }

        return text.ToString();
    }

    /// <summary>The platform name whose Dapr form is <paramref name="encoded"/>.</summary>
    /// <remarks>Only what <see cref="Encode"/> writes is accepted, so one platform name never has two Dapr names (two actors).</remarks>
    /// <exception cref="FormatException"><paramref name="encoded"/> is not something <see cref="Encode"/> produces.</exception>
    public static string Decode(string encoded)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoded);
        if (!encoded.AsSpan().ContainsAnyExcept(Plain))
        {
            return encoded;
        }

        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c != Escape)
            {
                if (!Plain.Contains(c))
                {
                    throw new FormatException($"'{encoded}' is not an encoded Dapr name: '{c}' should have been escaped.");
                }

                bytes.Add((byte)c);
                continue;
            }

            if (i + 2 >= encoded.Length || !byte.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"'{encoded}' is not an encoded Dapr name: '{Escape}' must be followed by two hex digits.");
            }

            bytes.Add(value);
            i += 2;
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
