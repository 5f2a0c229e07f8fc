using System.Text;

namespace AgentPlatform.TestKit;

/// <summary>Applies fuzzing edits to a seed text: inserts, deletes, replacements, and repeated slices (which build deep
/// nesting and long chains), shared by the fuzz tests so they mutate text the same way.</summary>
public static class TextMutations
{
    /// <summary>Applies <paramref name="edits"/> in order; a repeat is skipped once the text reaches <paramref name="maxLength"/>.</summary>
    /// <param name="seed">The text to start from.</param>
    /// <param name="edits">Kind (0 insert, 1 delete, 2 replace, 3 repeat a slice), position (taken modulo the length), slice
    /// length, the character to insert or put, and how many times to repeat.</param>
    /// <param name="maxLength">The length past which slices are no longer repeated.</param>
    public static string Apply(string seed, IEnumerable<(int Kind, int Position, int Length, char Char, int Times)> edits, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var text = new StringBuilder(seed);
        foreach (var (kind, position, length, c, times) in edits)
        {
            var at = text.Length == 0 ? 0 : position % (text.Length + 1);
            var span = Math.Min(length, text.Length - at);
            switch (kind)
            {
                case 0:
                    text.Insert(at, c);
                    break;
                case 1:
                    text.Remove(at, span);
                    break;
                case 2 when at < text.Length:
                    text[at] = c;
                    break;
                case 3 when span > 0 && text.Length < maxLength:
                    text.Insert(at, string.Concat(Enumerable.Repeat(text.ToString(at, span), times)));
                    break;
            }
        }

        return text.ToString();
    }
}
