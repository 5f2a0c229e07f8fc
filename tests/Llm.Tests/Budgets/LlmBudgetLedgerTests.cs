using AgentPlatform.Llm.Budgets;

namespace AgentPlatform.Llm.Tests.Budgets;

public sealed class LlmBudgetLedgerTests
{
    [Fact]
    public void ACallWhoseWorstCaseWouldExceedTheTokenBudgetIsRefusedCountingCallsInFlight()
    {
        var ledger = new LlmBudgetLedger(new LlmBudgetOptions { MaxTokensPerRun = 100 });

        var first = ledger.Reserve("run-1", 60, 0);
        var refused = Assert.Throws<LlmBudgetExceededException>(() => ledger.Reserve("run-1", 60, 0));
        ledger.Settle(first, 30, 0);
        var second = ledger.Reserve("run-1", 60, 0);

        Assert.StartsWith("budget_exceeded:", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new LlmRunSpend(30, 0, 60, 0), ledger.Spent("run-1"));
        Assert.Equal(LlmRunSpend.None, ledger.Spent("run-2"));
        ledger.Settle(second, 0, 0);
        Assert.Equal(new LlmRunSpend(30, 0, 0, 0), ledger.Spent("run-1"));
    }

    [Fact]
    public void ACallWhoseWorstCaseWouldExceedTheCostBudgetIsRefused()
    {
        var ledger = new LlmBudgetLedger(new LlmBudgetOptions { MaxCostPerRun = 1.00m });

        ledger.Settle(ledger.Reserve("run-1", 1000, 0.70m), 1000, 0.70m);
        var refused = Assert.Throws<LlmBudgetExceededException>(() => ledger.Reserve("run-1", 10, 0.31m));
        ledger.Reserve("run-1", 10, 0.30m);

        Assert.Equal("run-1", refused.RunId);
        Assert.Contains("1.01", refused.Reason, StringComparison.Ordinal);
    }
}
