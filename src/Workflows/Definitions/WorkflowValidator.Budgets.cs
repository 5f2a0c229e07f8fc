using System.Text.Json;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Checks of <see cref="WorkflowValidator"/> for LLM spend: the run budget and context chunking of agent tasks.</summary>
public static partial class WorkflowValidator
{
    private sealed partial class ValidationContext
    {
        public void ValidateBudget(WorkflowBudget? budget)
        {
            if (budget is null)
            {
                return;
            }

            if (budget.MaxTokens is null && budget.MaxCost is null)
            {
                Add("budget", null, "budget", "set max_tokens, max_cost or both");
            }

            if (budget.MaxTokens is <= 0)
            {
                Add("budget.max_tokens", null, "budget.max_tokens", "must be > 0");
            }

            if (budget.MaxCost is <= 0)
            {
                Add("budget.max_cost", null, "budget.max_cost", "must be > 0");
            }
        }

        private void ValidateChunking(AgentTaskStep task, string path)
        {
            if (task.Chunking is not { } chunking)
            {
                return;
            }

            if (chunking.Input is { } input)
            {
                ValidateTemplate(input, $"{path}.chunking.input", task.Id, "chunking.input");
            }
            else
            {
                AddStep(path, task, "chunking.input", "is required: the text to split, usually a reference such as ${input.document}");
            }

            if (chunking.MaxTokens <= 0)
            {
                AddStep(path, task, "chunking.max_tokens", "must be > 0");
            }

            if (chunking.OverlapTokens < 0)
            {
                AddStep(path, task, "chunking.overlap_tokens", "must be >= 0");
            }
            else if (chunking.MaxTokens > 0 && chunking.OverlapTokens >= chunking.MaxTokens)
            {
                AddStep(path, task, "chunking.overlap_tokens", $"must be less than chunking.max_tokens ({chunking.MaxTokens})");
            }

            if (string.IsNullOrWhiteSpace(chunking.ReducePrompt))
            {
                AddStep(path, task, "chunking.reduce_prompt", "is required: the instruction that combines the results of the chunks");
            }
            else
            {
                ValidateTemplate(JsonSerializer.SerializeToElement(chunking.ReducePrompt), $"{path}.chunking.reduce_prompt", task.Id, "chunking.reduce_prompt");
            }
        }
    }
}
