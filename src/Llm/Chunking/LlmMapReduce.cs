using System.Runtime.ExceptionServices;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;

namespace AgentPlatform.Llm.Chunking;

/// <summary>Runs a chunked task as map-reduce: one call per chunk of the text, then reduce calls that combine the partial results,
/// in rounds while they do not fit in one call; the task's usage and tool calls are those of every call, chunk calls first, in order.</summary>
/// <remarks>A text within the limit makes exactly one call with the prompt and the whole text, and no reduce. At most as many calls
/// of a round are started at once as the governor's current limit for the endpoint allows; the governor paces them further. A reduce
/// call takes at least two results, so every round shrinks the list and the rounds end. The first failed call cancels the others
/// and fails the task; once any call spent anything, the failure is a <see cref="LlmChunkedTaskException"/> carrying their usage and
/// tool calls, the failed calls' included.</remarks>
public sealed class LlmMapReduce(LlmTokenEstimator tokens)
{
    private const string Separator = "\n\n";

    private readonly LlmTextSplitter _splitter = new(tokens);

    /// <summary>Runs <paramref name="input"/> through <paramref name="call"/>, a model call with one user message.</summary>
    /// <param name="input">The chunked task.</param>
    /// <param name="call">Makes one call under the governor and the run's budget.</param>
    /// <param name="concurrency">How many calls may be started at once (read before each start).</param>
    /// <param name="cancellationToken">Cancels the task.</param>
    public async Task<LlmTaskResult> RunAsync(
        LlmChunkedInput input, Func<string, CancellationToken, Task<LlmTaskResult>> call, Func<int> concurrency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(concurrency);
        var chunks = _splitter.Split(input.Text, input.MaxTokens, input.OverlapTokens);
        if (chunks.Count == 1)
        {
            return await call(Message(input.Prompt, chunks[0]), cancellationToken);
        }

        var spent = new List<LlmTaskResult>();
        try
        {
            var results = await RoundAsync([.. chunks.Select(chunk => Message(input.Prompt, chunk))], call, concurrency, spent, cancellationToken);
            while (true)
            {
                var batches = Batches([.. results.Select(r => LlmChunkedInput.TextOf(r.Output))], input.MaxTokens);
                var messages = batches.Select(batch => Message(input.ReducePrompt, string.Join(Separator, batch))).ToList();
                results = await RoundAsync(messages, call, concurrency, spent, cancellationToken);
                if (messages.Count == 1)
                {
                    return results[0] with { Usage = Sum(spent), ToolCalls = ToolCallsOf(spent) };
                }
            }
        }
        catch (Exception failure) when (spent.Count > 0 && failure is not OperationCanceledException)
        {
            throw new LlmChunkedTaskException(failure, Sum(spent), ToolCallsOf(spent));
        }
    }

    private static string Message(string instruction, string text) => instruction.Length == 0 ? text : instruction + Separator + text;

    /// <summary>Groups results in order into batches whose text fits in <paramref name="maxTokens"/>, each of at least two results
    /// (one only when a single result is left).</summary>
    private List<List<string>> Batches(List<string> results, int maxTokens)
    {
        var batches = new List<List<string>>();
        var batch = new List<string>();
        var batchTokens = 0;
        foreach (var result in results)
        {
            var resultTokens = tokens.Count(result) + tokens.Count(Separator);
            if (batch.Count >= 2 && batchTokens + resultTokens > maxTokens)
            {
                batches.Add(batch);
                batch = [];
                batchTokens = 0;
            }

            batch.Add(result);
            batchTokens += resultTokens;
        }

        if (batch.Count == 1 && batches.Count > 0)
        {
            batches[^1].Add(batch[0]);
        }
        else
        {
            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>Makes one call per message, as many at once as <paramref name="concurrency"/> allows, and adds what each spent to
    /// <paramref name="spent"/> in message order: its result, or for a failed call what it spent before failing.</summary>
    private static async Task<List<LlmTaskResult>> RoundAsync(
        List<string> messages,
        Func<string, CancellationToken, Task<LlmTaskResult>> call,
        Func<int> concurrency,
        List<LlmTaskResult> spent,
        CancellationToken cancellationToken)
    {
        using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var calls = new List<Task<LlmTaskResult>>(messages.Count);
        try
        {
            foreach (var message in messages)
            {
                while (calls.Count(c => !c.IsCompleted) >= Math.Max(1, concurrency()))
                {
                    await Task.WhenAny(calls.Where(c => !c.IsCompleted));
                }

                round.Token.ThrowIfCancellationRequested();
                calls.Add(CallAsync(call, message, round));
            }

            await Task.WhenAll(calls);
        }
        catch (Exception) when (calls.FirstOrDefault(c => c.IsFaulted && c.Exception!.InnerException is not OperationCanceledException) is { } failed)
        {
            await Task.WhenAll(calls.Select(c => c.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)));
            spent.AddRange(calls.Select(SpentBy).OfType<LlmTaskResult>());
            ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
        }

        spent.AddRange(calls.Select(c => c.Result));
        return [.. calls.Select(c => c.Result)];
    }

    private static LlmTaskResult? SpentBy(Task<LlmTaskResult> call) => call.IsCompletedSuccessfully
        ? call.Result
        : call.Exception?.InnerException is { } failure ? LlmTaskExecutor.SpentBefore(failure) : null;

    private static async Task<LlmTaskResult> CallAsync(Func<string, CancellationToken, Task<LlmTaskResult>> call, string message, CancellationTokenSource round)
    {
        try
        {
            return await call(message, round.Token);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await round.CancelAsync();
            throw;
        }
    }

    private static List<AgentToolCall> ToolCallsOf(List<LlmTaskResult> spent) => [.. spent.SelectMany(result => result.ToolCalls)];

    private static LlmUsage Sum(List<LlmTaskResult> spent) => spent.Select(result => result.Usage).Aggregate(LlmUsage.None, (sum, usage) => sum.Plus(usage));
}
