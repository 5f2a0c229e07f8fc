namespace AgentPlatform.Llm.Budgets;

/// <summary>The history reader when no workflow engine is registered: no run is known, so budgets count only this process's calls.</summary>
internal sealed class NoLlmSpendHistory : ILlmSpendHistory
{
    public ValueTask<LlmRecordedSpend?> ReadAsync(string runId, CancellationToken cancellationToken = default) => ValueTask.FromResult<LlmRecordedSpend?>(null);
}
