using System.Text.Json;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Llm.Accounting;
using Microsoft.Extensions.AI;

namespace AgentPlatform.Llm.Tools;

/// <summary>Invokes the tools of one task for <see cref="FunctionInvokingChatClient"/> and records each call: name, size of the
/// arguments, duration and outcome; and what other agents spent answering it (<see cref="LlmDelegatedAnswer"/>).</summary>
/// <param name="time">Times the calls.</param>
/// <param name="forTask">The task and run the conversation is on, handed to each function in its arguments' context (see
/// <see cref="ForTaskOf"/>), so that an agent asked on its behalf charges the same run.</param>
internal sealed class LlmToolCallRecorder(TimeProvider time, RequestForTask? forTask = null)
{
    private readonly Lock _lock = new();
    private readonly List<AgentToolCall> _calls = [];
    private LlmUsage _delegated = LlmUsage.None;

    /// <summary>The calls so far, in the order they ended.</summary>
    public IReadOnlyList<AgentToolCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>What the agents the tools asked spent answering them, in all.</summary>
    public LlmUsage Delegated
    {
        get
        {
            lock (_lock)
            {
                return _delegated;
            }
        }
    }

    /// <summary>Invokes the function of <paramref name="context"/>; a refusal becomes the result the model sees.</summary>
    public async ValueTask<object?> InvokeAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        var argumentBytes = JsonSerializer.SerializeToUtf8Bytes(context.CallContent.Arguments ?? new Dictionary<string, object?>()).Length;
        if (forTask is not null)
        {
            (context.Arguments.Context ??= new Dictionary<object, object?>())[typeof(RequestForTask)] = forTask;
        }

        var started = time.GetTimestamp();
        try
        {
            var result = await context.Function.InvokeAsync(context.Arguments, cancellationToken);
            Record(context.Function.Name, argumentBytes, started, "ok");
            if (result is LlmDelegatedAnswer answer)
            {
                AddDelegated(answer.Usage);

                // As the function's default marshalling would have handed its text on.
                return JsonSerializer.SerializeToElement(answer.Text, AIJsonUtilities.DefaultOptions);
            }

            return result;
        }
        catch (Exception failure) when (RefusalIn(failure) is { } refused)
        {
            Record(context.Function.Name, argumentBytes, started, "refused");
            return $"refused: {refused.Message}";
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Record(context.Function.Name, argumentBytes, started, "failed");
            throw;
        }
    }

    /// <summary>The task and run a function is called for, as the recorder put them in its <paramref name="arguments"/>; null when the
    /// conversation is on no run.</summary>
    public static RequestForTask? ForTaskOf(AIFunctionArguments arguments) =>
        arguments.Context is { } context && context.TryGetValue(typeof(RequestForTask), out var value) ? value as RequestForTask : null;

    private static LlmToolRefusedException? RefusalIn(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is LlmToolRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private void AddDelegated(LlmUsage? usage)
    {
        if (usage is null)
        {
            return;
        }

        lock (_lock)
        {
            _delegated = _delegated.Plus(usage);
        }
    }

    private void Record(string name, int argumentBytes, long started, string outcome)
    {
        var call = new AgentToolCall(name, argumentBytes, Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3), outcome);
        lock (_lock)
        {
            _calls.Add(call);
        }
    }
}
