using System.Text;
using CsCheck;

namespace AgentPlatform.Workflows.Tests.Fuzzing;

/// <summary>Generators of hostile text: seeds mutated by inserts, deletes, replacements and repeated slices (which
/// build deep nesting and long chains), and arbitrary strings.</summary>
internal static class Mutations
{
    /// <summary>A seed with up to 8 edits, characters drawn from <paramref name="alphabet"/>.</summary>
    public static Gen<string> Of(IReadOnlyList<string> seeds, string alphabet) =>
        Gen.Select(
                Gen.Int[0, seeds.Count - 1],
                Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, 40], Gen.Char[alphabet], Gen.Int[1, 3_000]).Array[0, 8])
            .Select((seed, edits) => Apply(seeds[seed], edits));

    /// <summary>Mutated seeds three times in four, arbitrary strings otherwise.</summary>
    public static Gen<string> OrArbitrary(IReadOnlyList<string> seeds, string alphabet) =>
        Gen.Frequency((3, Of(seeds, alphabet)), (1, Gen.String));

    private static string Apply(string seed, (int Kind, int Position, int Length, char Char, int Times)[] edits)
    {
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
                case 3 when span > 0 && text.Length < 200_000:
                    var slice = text.ToString(at, span);
                    text.Insert(at, string.Concat(Enumerable.Repeat(slice, times)));
                    break;
            }
        }

        return text.ToString();
    }
}
