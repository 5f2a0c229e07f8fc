namespace AgentPlatform.AgentHost.Teams;

/// <summary>The step ids of the two definitions a team compiles to (a project run and a goal run), shared by the compiler, the
/// built-in steps and the tree, so an id is written once.</summary>
public static class TeamSteps
{
    /// <summary>Project run: the built-in step that resolves the team's executors when the run starts (see <see cref="TeamExecutors"/>).</summary>
    public const string Members = "members";

    /// <summary>Project run: the manager's planning (an agent task answering a plan of goals).</summary>
    public const string Manager = "manager";

    /// <summary>Project run: the built-in step that addresses the manager's goals to the goal definition.</summary>
    public const string Plan = "plan";

    /// <summary>Project run: the plan step that runs every goal as a child workflow.</summary>
    public const string Goals = "goals";

    /// <summary>Goal run: the coordinator's planning (an agent task answering a plan of sub-tasks).</summary>
    public const string Coordinator = "coordinator";

    /// <summary>Goal run: the message that the goal was planned.</summary>
    public const string Planned = "planned";

    /// <summary>Goal run: the plan step that runs the sub-tasks on executors.</summary>
    public const string Work = "work";

    /// <summary>Both: the condition step holding the failure path.</summary>
    public const string Escalate = "escalate";

    /// <summary>Both: the built-in step that computes the plan of what did not complete and announces the escalation.</summary>
    public const string Remaining = "remaining";

    /// <summary>Goal run: the request to the coordinator.</summary>
    public const string AskCoordinator = "ask-coordinator";

    /// <summary>Goal run: re-runs the remaining sub-tasks on the coordinator's <c>retry</c>.</summary>
    public const string CoordinatorRetry = "coordinator-retry";

    /// <summary>Goal run: runs the coordinator's new plan on its <c>replan</c>.</summary>
    public const string CoordinatorReplan = "coordinator-replan";

    /// <summary>Project run: the request to the manager.</summary>
    public const string AskManager = "ask-manager";

    /// <summary>Project run: re-runs the remaining goals on the manager's <c>retry</c>.</summary>
    public const string ManagerRetry = "manager-retry";

    /// <summary>Project run: addresses the goals of the manager's new plan on its <c>replan</c>.</summary>
    public const string ManagerGoals = "manager-goals";

    /// <summary>Project run: runs the manager's new goals.</summary>
    public const string ManagerReplan = "manager-replan";

    /// <summary>Project run: the wait for a human's decision.</summary>
    public const string Human = "human";

    /// <summary>Project run: re-runs the remaining goals on a human's <c>retry</c>.</summary>
    public const string HumanRetry = "human-retry";

    /// <summary>Both: the built-in step that writes the report, the run's output.</summary>
    public const string Report = "report";

    /// <summary>Both: the condition step that fails the run when the report says it failed.</summary>
    public const string Outcome = "outcome";

    /// <summary>Both: the built-in step inside <see cref="Outcome"/> that fails.</summary>
    public const string Fail = "fail";

    /// <summary>The id of a goal run's step <paramref name="step"/> (<see cref="Escalate"/>, <see cref="Remaining"/>,
    /// <see cref="AskCoordinator"/>, <see cref="CoordinatorRetry"/>, <see cref="CoordinatorReplan"/>, ...) in escalation round
    /// <paramref name="round"/>: the id itself in the first round, <c>{step}-{round}</c> after it.</summary>
    public static string Round(string step, int round) =>
        round <= 1 ? step : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{step}-{round}");

    /// <summary>The plan steps of a goal run that run sub-tasks: the first run, then the re-runs after each of the coordinator's
    /// answers, round by round, as far as <paramref name="has"/> (whether the run's definition has a step) finds them.</summary>
    public static IEnumerable<string> SubTaskRuns(Func<string, bool> has)
    {
        ArgumentNullException.ThrowIfNull(has);
        yield return Work;
        for (var round = 1; has(Round(CoordinatorRetry, round)); round++)
        {
            yield return Round(CoordinatorRetry, round);
            yield return Round(CoordinatorReplan, round);
        }
    }

    /// <summary>The plan steps of a project run that run goals: the first run, then the re-runs after the manager's or a human's answer.</summary>
    public static IReadOnlyList<string> GoalRuns { get; } = [Goals, ManagerRetry, ManagerReplan, HumanRetry];
}
