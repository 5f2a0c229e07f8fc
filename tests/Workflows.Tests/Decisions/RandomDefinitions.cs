using System.Globalization;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Tests.Decisions;

/// <summary>Generates valid definitions mixing every step kind, nesting, depends_on, retries, timeouts and failure
/// policies, from a seed.</summary>
internal sealed class RandomDefinitions(int seed)
{
    private readonly Random _random = new(seed);
    private int _next;

    public WorkflowDefinition Next() =>
        new() { Id = $"random-{seed}", Version = 1, Steps = List(depth: 0, count: _random.Next(2, 6)) };

    private List<WorkflowStep> List(int depth, int count)
    {
        var steps = new List<WorkflowStep>();
        for (var i = 0; i < count; i++)
        {
            steps.Add(Step(depth));
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (i > 0 && _random.Next(4) == 0)
            {
                var dependencies = Enumerable.Range(0, i).Where(_ => _random.Next(2) == 0).Select(d => steps[d].Id).ToList();
                steps[i] = steps[i] with { DependsOn = dependencies };
            }

            var failure = _random.Next(6) switch
            {
                0 => "continue",
                1 when i + 2 < steps.Count => $"goto:{steps[_random.Next(i + 1, steps.Count)].Id}",
                _ => null,
            };
            steps[i] = steps[i] with { OnFailure = failure };
        }

        return steps;
    }

    private WorkflowStep Step(int depth)
    {
        var id = "s" + (_next++).ToString(CultureInfo.InvariantCulture);
        var kind = depth >= 2 ? _random.Next(2) : _random.Next(5);
        switch (kind)
        {
            case 1:
                return _random.Next(3) switch
                {
                    0 => new WaitStep { Id = id, Duration = $"{_random.Next(1, 20)}s" },
                    1 => new WaitStep { Id = id, Event = new WaitEvent { Name = _random.Next(2) == 0 ? "go" : "ping", Timeout = _random.Next(2) == 0 ? "15s" : null } },
                    _ => new WaitStep { Id = id, Event = new WaitEvent { Name = "go" } },
                };
            case 2:
                return new ConditionStep
                {
                    Id = id,
                    If = _random.Next(2) == 0 ? "exists(input.n)" : "input.n == 1 or length(input.list) > 2",
                    Then = List(depth + 1, _random.Next(1, 3)),
                    Else = List(depth + 1, _random.Next(0, 3)),
                };
            case 3:
                var branches = Enumerable.Range(0, _random.Next(1, 4))
                    .Select(_ => new ParallelBranch { Steps = List(depth + 1, _random.Next(1, 3)) })
                    .ToList();
                var join = _random.Next(3) switch { 0 => "any", 1 => "n", _ => "all" };
                return new ParallelStep
                {
                    Id = id,
                    Branches = branches,
                    Join = join,
                    N = join == "n" ? _random.Next(1, branches.Count + 1) : null,
                    MaxConcurrency = _random.Next(3) == 0 ? _random.Next(1, branches.Count + 1) : null,
                };
            default:
                return new AgentTaskStep
                {
                    Id = id,
                    Agent = "worker",
                    Timeout = _random.Next(3) == 0 ? $"{_random.Next(2, 30)}s" : null,
                    Retry = _random.Next(2) == 0 ? new RetryPolicy { MaxAttempts = _random.Next(1, 4), InitialBackoff = _random.Next(2) == 0 ? "1s" : null } : null,
                };
        }
    }
}
