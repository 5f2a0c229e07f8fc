namespace AgentPlatform.Agents.Registry;

/// <summary>The answer to a capability request: the best candidates in rank order and the best-scoring excluded agents.</summary>
/// <param name="Candidates">Up to the requested number of candidates, best first.</param>
/// <param name="CandidateCount">How many candidates there are in all.</param>
/// <param name="Excluded">Up to the requested number of excluded agents holding a requested capability, highest score first.</param>
/// <param name="ExcludedCount">How many such agents there are in all.</param>
public sealed record AgentMatch(
    IReadOnlyList<AgentCandidate> Candidates, int CandidateCount, IReadOnlyList<AgentExclusion> Excluded, int ExcludedCount);
