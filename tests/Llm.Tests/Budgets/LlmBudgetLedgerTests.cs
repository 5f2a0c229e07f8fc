using AgentPlatform.Llm.Budgets;
using AgentPlatform.TestKit;

namespace AgentPlatform.Llm.Tests.Budgets;

public sealed class LlmBudgetLedgerTests
{
    private readonly ScriptedHistory _history = new();
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task ACallWhoseWorstCaseWouldExceedTheTokenBudgetIsRefusedCountingCallsInFlight()
    {
        var ledger = Ledger(new LlmBudgetOptions { MaxTokensPerRun = 100 });

        var first = await ledger.ReserveAsync("run-1", "t1", 60, 0);
        var refused = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => ledger.ReserveAsync("run-1", "t2", 60, 0).AsTask());
        ledger.Settle(first, 30, 0);
        var second = await ledger.ReserveAsync("run-1", "t2", 60, 0);

        Assert.StartsWith("budget_exceeded:", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new LlmUnrecordedSpend(30, 0, 60, 0), ledger.Unrecorded("run-1"));
        Assert.Equal(LlmUnrecordedSpend.None, ledger.Unrecorded("run-2"));
        ledger.Settle(second, 0, 0);
        Assert.Equal(new LlmUnrecordedSpend(30, 0, 0, 0), ledger.Unrecorded("run-1"));
    }

    [Fact]
    public async Task TheRunsOwnBudgetsAreCheckedBesideTheProcessWideOneSoTheTightestWinsAndNamesItsScope()
    {
        var ledger = Ledger(new LlmBudgetOptions { MaxTokensPerRun = 1000, MaxCostPerRun = 5m });
        _history.Recorded = new LlmRecordedSpend(100, 0.10m, new HashSet<string>())
        {
            Limits = [new LlmBudgetLimit("budget of definition 'review' v1", 200, null), new LlmBudgetLimit("team 'docs'", null, 1m, 0, 0.85m)],
        };

        var byDefinition = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => ledger.ReserveAsync("run-1", "t1", 101, 0).AsTask());
        var byTeam = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => ledger.ReserveAsync("run-1", "t1", 100, 0.06m).AsTask());
        var admitted = await ledger.ReserveAsync("run-1", "t1", 100, 0.05m);
        var byProcess = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => ledger.ReserveAsync("run-2", "t1", 1001, 0).AsTask());

        Assert.Contains("201 tokens (100 spent, 0 in flight, 101 for this call) of its 200 (budget of definition 'review' v1)", byDefinition.Reason, StringComparison.Ordinal);
        Assert.Contains("would cost up to 1.01 (0.95 spent, 0 in flight, 0.06 for this call) of its 1 (team 'docs')", byTeam.Reason, StringComparison.Ordinal);
        Assert.Equal(100, admitted.Tokens);
        Assert.Contains($"of its 1000 ({LlmBudgetLedger.ProcessWide})", byProcess.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallWhoseWorstCaseWouldExceedTheCostBudgetIsRefused()
    {
        var ledger = Ledger(new LlmBudgetOptions { MaxCostPerRun = 1.00m });

        ledger.Settle(await ledger.ReserveAsync("run-1", "t1", 1000, 0.70m), 1000, 0.70m);
        var refused = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => ledger.ReserveAsync("run-1", "t2", 10, 0.31m).AsTask());
        await ledger.ReserveAsync("run-1", "t2", 10, 0.30m);

        Assert.Equal("run-1", refused.RunId);
        Assert.Contains("1.01", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpendRecordedInTheHistoryCountsAfterARestartAndAFinishedTaskIsCountedOnceWhenItsOutcomeIsRecorded()
    {
        _history.Recorded = new LlmRecordedSpend(70, 0, new HashSet<string> { "t2" });
        var restarted = Ledger(new LlmBudgetOptions { MaxTokensPerRun = 100 });

        var refused = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => restarted.ReserveAsync("run-1", "t2", 31, 0).AsTask());
        var call = await restarted.ReserveAsync("run-1", "t2", 30, 0);
        restarted.Settle(call, 20, 0);
        _history.Recorded = new LlmRecordedSpend(90, 0, new HashSet<string> { "t3" });
        var next = await restarted.ReserveAsync("run-1", "t3", 10, 0);

        Assert.Contains("101 tokens (70 spent, 0 in flight, 31 for this call)", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(new LlmUnrecordedSpend(0, 0, 10, 0), restarted.Unrecorded("run-1"));
        restarted.Settle(next, 5, 0);
        _history.Recorded = new LlmRecordedSpend(95, 0, new HashSet<string>());
        await restarted.ReserveAsync("run-2", "u1", 1, 0);
        await Assert.ThrowsAsync<LlmBudgetExceededException>(() => restarted.ReserveAsync("run-1", "t4", 6, 0).AsTask());
        Assert.Equal(LlmUnrecordedSpend.None, restarted.Unrecorded("run-1"));
    }

    [Fact]
    public async Task UsageThatNoHistoryReadClearsIsDroppedAfterTheRetentionSoTheLedgerDoesNotGrow()
    {
        var ledger = Ledger(new LlmBudgetOptions { RetainUnrecorded = TimeSpan.FromMinutes(10) });
        for (var run = 0; run < 50; run++)
        {
            ledger.Settle(await ledger.ReserveAsync($"run-{run}", "t1", 10, 0), 5, 0);
        }

        var inFlight = await ledger.ReserveAsync("run-live", "t1", 10, 0);
        _time.Advance(TimeSpan.FromMinutes(11));
        await ledger.ReserveAsync("run-new", "t1", 10, 0);

        Assert.Equal(2, ledger.RunCount);
        Assert.Equal(new LlmUnrecordedSpend(0, 0, 10, 0), ledger.Unrecorded("run-live"));
        ledger.Settle(inFlight, 3, 0);
    }

    [Fact]
    public async Task ARunWithoutAnyBudgetHasItsHistoryReadOnceHoldsNothingAndIsReadAgainAfterItWentQuiet()
    {
        var ledger = Ledger(new LlmBudgetOptions { RetainUnrecorded = TimeSpan.FromMinutes(10) });
        _history.Recorded = new LlmRecordedSpend(70, 0, new HashSet<string> { "t1", "t2", "t3" });

        for (var task = 1; task <= 3; task++)
        {
            ledger.Settle(await ledger.ReserveAsync("run-1", $"t{task}", 1_000_000, 1000m), 500, 1m);
        }

        Assert.Equal(1, _history.Reads);
        Assert.Equal(LlmUnrecordedSpend.None, ledger.Unrecorded("run-1"));
        Assert.Equal(0, ledger.RunCount);

        _time.Advance(TimeSpan.FromMinutes(11));
        await ledger.ReserveAsync("run-2", "u1", 1, 0);
        await ledger.ReserveAsync("run-1", "t4", 1, 0);
        Assert.Equal(3, _history.Reads);
    }

    [Fact]
    public async Task ARunWithABudgetOfItsOwnOrUnderAProcessBudgetHasItsHistoryReadBeforeEveryCall()
    {
        _history.Recorded = new LlmRecordedSpend(0, 0, new HashSet<string>()) { Limits = [new LlmBudgetLimit("budget of definition 'review' v1", 1000, null)] };
        var ownBudget = Ledger(new LlmBudgetOptions());
        await ownBudget.ReserveAsync("run-1", "t1", 10, 0);
        await ownBudget.ReserveAsync("run-1", "t2", 10, 0);

        _history.Recorded = new LlmRecordedSpend(0, 0, new HashSet<string>());
        var processBudget = Ledger(new LlmBudgetOptions { MaxCostPerRun = 5m });
        await processBudget.ReserveAsync("run-1", "t1", 10, 0);
        await processBudget.ReserveAsync("run-1", "t2", 10, 0);

        Assert.Equal(4, _history.Reads);
        Assert.Equal(new LlmUnrecordedSpend(0, 0, 20, 0), processBudget.Unrecorded("run-1"));
    }

    private LlmBudgetLedger Ledger(LlmBudgetOptions options) => new(options, _history, _time);

    private sealed class ScriptedHistory : ILlmSpendHistory
    {
        public LlmRecordedSpend? Recorded { get; set; }

        public int Reads { get; private set; }

        public ValueTask<LlmRecordedSpend?> ReadAsync(string runId, CancellationToken cancellationToken = default)
        {
            Reads++;
            return ValueTask.FromResult(runId == "run-1" ? Recorded : null);
        }
    }
}
