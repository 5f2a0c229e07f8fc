using AgentPlatform.TestKit;
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

    private static string Apply(string seed, (int Kind, int Position, int Length, char Char, int Times)[] edits) =>
        TextMutations.Apply(seed, edits, 200_000);
}
