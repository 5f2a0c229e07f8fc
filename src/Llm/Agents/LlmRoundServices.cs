using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Governor;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Llm.Agents;

/// <summary>What every model round trip uses: the governor, budgets, accounting and the clock.</summary>
internal sealed record LlmRoundServices(
    LlmGovernor Governor, LlmBudgetLedger Budgets, LlmMetrics Metrics, LlmTokenEstimator Tokens, TimeProvider Time, ILogger Logger);
