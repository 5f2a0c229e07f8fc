using System.Collections.Concurrent;
using System.Globalization;

namespace AgentPlatform.Llm.Budgets;

/// <summary>Spend per workflow run, checked before every call with the call's worst case.</summary>
/// <remarks>A call reserves its worst case (prompt tokens plus the most output tokens, priced) before it is made and is settled with
/// what it really used, so calls of one run in flight together cannot overshoot the budget. Spend is kept in this process's memory:
/// it does not survive a restart nor is it shared between replicas.</remarks>
public sealed class LlmBudgetLedger(LlmBudgetOptions options)
{
    private readonly ConcurrentDictionary<string, LlmRunSpend> _runs = new(StringComparer.Ordinal);

    /// <summary>Reserves a call's worst case against run <paramref name="runId"/>.</summary>
    /// <exception cref="LlmBudgetExceededException">The run's spend, the worst cases in flight and this one exceed a budget.</exception>
    public LlmBudgetReservation Reserve(string runId, long worstTokens, decimal worstCost)
    {
        ArgumentNullException.ThrowIfNull(runId);
        while (true)
        {
            var spend = Spent(runId);
            var tokens = spend.Tokens + spend.ReservedTokens + worstTokens;
            var cost = spend.Cost + spend.ReservedCost + worstCost;
            if (options.MaxTokensPerRun is { } maxTokens && tokens > maxTokens)
            {
                throw new LlmBudgetExceededException(runId, string.Create(CultureInfo.InvariantCulture,
                    $"would use up to {tokens} tokens ({spend.Tokens} spent, {spend.ReservedTokens} in flight, {worstTokens} for this call) of its {maxTokens}."));
            }

            if (options.MaxCostPerRun is { } maxCost && cost > maxCost)
            {
                throw new LlmBudgetExceededException(runId, string.Create(CultureInfo.InvariantCulture,
                    $"would cost up to {cost} ({spend.Cost} spent, {spend.ReservedCost} in flight, {worstCost} for this call) of its {maxCost}."));
            }

            var reserved = spend with { ReservedTokens = spend.ReservedTokens + worstTokens, ReservedCost = spend.ReservedCost + worstCost };
            if (Swap(runId, spend, reserved))
            {
                return new LlmBudgetReservation(runId, worstTokens, worstCost);
            }
        }
    }

    /// <summary>Ends <paramref name="reservation"/>: the call used <paramref name="tokens"/> costing <paramref name="cost"/> (zero when
    /// it failed without being billed).</summary>
    public void Settle(LlmBudgetReservation reservation, long tokens, decimal cost)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        while (true)
        {
            var spend = Spent(reservation.RunId);
            var settled = new LlmRunSpend(
                spend.Tokens + tokens, spend.Cost + cost, spend.ReservedTokens - reservation.Tokens, spend.ReservedCost - reservation.Cost);
            if (Swap(reservation.RunId, spend, settled))
            {
                return;
            }
        }
    }

    /// <summary>What run <paramref name="runId"/> has spent and holds in flight.</summary>
    public LlmRunSpend Spent(string runId) => _runs.TryGetValue(runId, out var spend) ? spend : LlmRunSpend.None;

    private bool Swap(string runId, LlmRunSpend expected, LlmRunSpend next) =>
        ReferenceEquals(expected, LlmRunSpend.None) && !_runs.ContainsKey(runId)
            ? _runs.TryAdd(runId, next)
            : _runs.TryUpdate(runId, next, expected);
}
