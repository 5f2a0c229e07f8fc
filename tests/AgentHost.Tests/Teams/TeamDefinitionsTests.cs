using System.Text.Json.Nodes;
using AgentPlatform.AgentHost.Teams;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.AgentHost.Tests.Teams;

public sealed class TeamDefinitionsTests
{
    private static readonly TeamDeclaration Team = TeamDeclarationReader.Read(JsonNode.Parse("""
        {
          "members": [
            {"role": "manager", "capabilities": {"plan-project": 1}},
            {"role": "coordinator", "capabilities": {"plan-goal": 1}},
            {"role": "executor", "capabilities": {"research": 1}, "min_confidence": 0.4}
          ],
          "policies": {
            "retry_budget": 4,
            "escalation": {"to_coordinator_after": 2},
            "budgets": {"max_tokens": 5000, "max_cost_usd": 1.5},
            "approvals": [
              {"at": "goal_plan", "approvers": ["operator", "manager"], "timeout_seconds": 90, "default": "reject"},
              {"at": "project_report", "approvers": ["operator"], "timeout_seconds": 5, "default": "approve"}
            ]
          }
        }
        """), "writers");

    [Fact]
    public void The_goal_definition_plans_on_the_coordinator_waits_for_its_approval_and_escalates_after_the_declared_attempts()
    {
        var goal = TeamGoalDefinition.Build(Team, 1, new WorkflowLimitsOptions());

        Assert.Equal("team.writers.goal", goal.Id);
        Assert.Equal(5000L, goal.Budget!.MaxTokens);
        Assert.Equal(1.5m, goal.Budget.MaxCost);
        var steps = goal.Steps.ToDictionary(s => s.Id);
        Assert.Equal(4, ((AgentTaskStep)steps[TeamSteps.Coordinator]).Retry!.MaxAttempts);
        var work = (RunPlanStep)steps[TeamSteps.Work];
        Assert.Equal(2, work.Retry!.MaxAttempts);
        Assert.Equal(0.4, work.MinConfidence);
        var approval = (WaitStep)steps["goal-plan-approval"];
        Assert.Equal("goal_plan_approval", approval.Event!.Name);
        Assert.Equal(["operator", "manager"], approval.Event.Approvers!);
        Assert.Equal("90s", approval.Event.Timeout);
        Assert.Equal("reject", approval.Event.TimeoutOutput!.Value.GetProperty("decision").GetString());
        Assert.True(goal.Steps.Select(s => s.Id).ToList().IndexOf("goal-plan-approval") < goal.Steps.Select(s => s.Id).ToList().IndexOf(TeamSteps.Work));
    }

    [Fact]
    public void Sub_tasks_run_on_the_run_s_executors_only_and_the_reassignment_policy_becomes_the_retry_reassign_of_every_run_of_them()
    {
        var keeping = Team with { Policies = Team.Policies with { Reassignment = false } };

        foreach (var (team, reassign) in new[] { (Team, true), (keeping, false) })
        {
            var goal = TeamGoalDefinition.Build(team, 1, new WorkflowLimitsOptions());
            var runs = Flatten(goal.Steps).OfType<RunPlanStep>().ToList();
            Assert.Equal([TeamSteps.Work, TeamSteps.CoordinatorRetry, TeamSteps.CoordinatorReplan], runs.Select(r => r.Id));
            Assert.All(runs, r => Assert.Equal(("executor", reassign), (r.Role, r.Retry!.Reassign)));
            Assert.All(runs, r => Assert.Equal("${input.executors}", r.Agents!.Value.GetString()));
            Assert.All(Flatten(goal.Steps).OfType<AgentTaskStep>(), t => Assert.Null(t.Role));
        }
    }

    private static IEnumerable<WorkflowStep> Flatten(IEnumerable<WorkflowStep> steps) =>
        steps.SelectMany(s => s is ConditionStep condition ? [s, .. Flatten(condition.Then), .. Flatten(condition.Else)] : new[] { s });

    [Fact]
    public void The_goal_definition_has_one_escalation_round_per_time_the_coordinator_may_be_asked_each_after_the_rerun_before_it()
    {
        var once = TeamGoalDefinition.Build(Team, 1, new WorkflowLimitsOptions());
        var thrice = TeamGoalDefinition.Build(Team with { Policies = Team.Policies with { Escalation = Team.Policies.Escalation with { ToManagerAfter = 3 } } }, 1, new WorkflowLimitsOptions());

        Assert.Equal([TeamSteps.Escalate], once.Steps.Select(s => s.Id).Where(id => id.StartsWith(TeamSteps.Escalate, StringComparison.Ordinal)));
        Assert.Equal(["escalate", "escalate-2", "escalate-3"], thrice.Steps.Select(s => s.Id).Where(id => id.StartsWith(TeamSteps.Escalate, StringComparison.Ordinal)));
        var rounds = thrice.Steps.OfType<ConditionStep>().Where(c => c.Id.StartsWith(TeamSteps.Escalate, StringComparison.Ordinal)).ToList();
        Assert.Equal("steps.work.status == 'failed'", rounds[0].If);
        Assert.Equal("steps.coordinator-retry.status == 'failed' || steps.coordinator-replan.status == 'failed'", rounds[1].If);
        Assert.Equal("steps.coordinator-retry-2.status == 'failed' || steps.coordinator-replan-2.status == 'failed'", rounds[2].If);
        Assert.Equal(
            ["work", "coordinator-retry", "coordinator-replan", "coordinator-retry-2", "coordinator-replan-2", "coordinator-retry-3", "coordinator-replan-3"],
            Flatten(thrice.Steps).OfType<RunPlanStep>().Select(r => r.Id));
        Assert.Equal(TeamSteps.SubTaskRuns(Flatten(thrice.Steps).Select(s => s.Id).ToHashSet().Contains), Flatten(thrice.Steps).OfType<RunPlanStep>().Select(r => r.Id));
        Assert.Equal(
            ["ask-coordinator", "ask-coordinator-2", "ask-coordinator-3"],
            Flatten(thrice.Steps).OfType<AgentTaskStep>().Where(t => t.Id.StartsWith(TeamSteps.AskCoordinator, StringComparison.Ordinal)).Select(t => t.Id));

        // The rounds sit side by side: the definition nests no deeper with three rounds than with one.
        Assert.Equal(Depth(once.Steps), Depth(thrice.Steps));
    }

    [Fact]
    public void The_human_escalation_waits_for_the_declared_approvers_timeout_and_default_and_the_project_pins_its_goal_version()
    {
        var declared = Team with
        {
            Policies = Team.Policies with { Escalation = Team.Policies.Escalation with { Human = new TeamHumanEscalation(["coordinator", "operator"], 42, "retry") } },
        };

        foreach (var (team, approvers, timeout, fallback) in new[] { (Team, new[] { "operator", "manager" }, "3600s", "give_up"), (declared, ["coordinator", "operator"], "42s", "retry") })
        {
            var project = TeamProjectDefinition.Build(team, 3, 7, new WorkflowLimitsOptions());
            var human = Flatten(project.Steps).OfType<WaitStep>().Single(w => w.Id == TeamSteps.Human);
            Assert.Equal(approvers, human.Event!.Approvers!);
            Assert.Equal(timeout, human.Event.Timeout);
            Assert.Equal(fallback, human.Event.TimeoutOutput!.Value.GetProperty("decision").GetString());
            var addressing = Flatten(project.Steps).OfType<AgentTaskStep>().Where(t => t.Agent == TeamProjectAgents.Goals).ToList();
            Assert.Equal([TeamSteps.Plan, TeamSteps.ManagerGoals], addressing.Select(t => t.Id));
            Assert.All(addressing, t => Assert.Equal(7, t.Input!.Value.GetProperty("goal_version").GetInt32()));
        }

        var addressed = TeamPlans.AddressGoals(JsonNode.Parse("""{"tasks": [{"id": "g", "input": 1}]}"""), "team.writers.goal", "writers", null, 7)!;
        Assert.Equal(7, addressed["tasks"]![0]!["version"]!.GetValue<int>());
        Assert.Null(TeamPlans.AddressGoals(JsonNode.Parse("""{"tasks": [{"id": "g"}]}"""), "team.writers.goal", "writers", null)!["tasks"]![0]!["version"]);
    }

    private static int Depth(IEnumerable<WorkflowStep> steps) =>
        steps.Select(s => s is ConditionStep condition ? 1 + Math.Max(Depth(condition.Then), Depth(condition.Else)) : 1).DefaultIfEmpty(0).Max();

    [Fact]
    public void The_project_definition_runs_goals_as_child_workflows_once_each_and_waits_for_the_report_approval_before_its_outcome()
    {
        var project = TeamProjectDefinition.Build(Team, 3, 2, new WorkflowLimitsOptions());

        Assert.Equal("team.writers", project.Id);
        Assert.Equal(3, project.Version);
        Assert.Equal(5000L, project.Budget!.MaxTokens);
        var ids = project.Steps.Select(s => s.Id).ToList();
        Assert.Equal(
            [TeamSteps.Members, TeamSteps.Manager, TeamSteps.Plan, TeamSteps.Goals, TeamSteps.Escalate, TeamSteps.Report, "project-report-approval-notice", "project-report-approval", "project-report-approval-rejected", TeamSteps.Outcome],
            ids);
        Assert.Equal(1, ((RunPlanStep)project.Steps[ids.IndexOf(TeamSteps.Goals)]).Retry!.MaxAttempts);
        var plan = (AgentTaskStep)project.Steps[ids.IndexOf(TeamSteps.Plan)];
        Assert.Equal("${steps.members.output.executors}", plan.Input!.Value.GetProperty("executors").GetString());
        Assert.Equal("writers", TeamProjectDefinition.TeamOf(project.Id));
        Assert.Null(TeamProjectDefinition.TeamOf(TeamGoalDefinition.IdFor("writers")));
    }

    [Fact]
    public void The_members_step_gets_every_executor_member_as_declared_and_no_other_member()
    {
        var team = TeamDeclarationReader.Read(JsonNode.Parse("""
            {
              "members": [
                {"role": "manager", "capabilities": {"plan-project": 1}},
                {"role": "coordinator", "capabilities": {"plan-goal": 1}},
                {"role": "executor", "agent": "agt_0123456789abcdef0123"},
                {"role": "executor", "capabilities": {"write": 1}, "min_confidence": 0.5, "count": 2}
              ]
            }
            """), "crew");
        var project = TeamProjectDefinition.Build(team, 1, 1, new WorkflowLimitsOptions());

        var members = (AgentTaskStep)project.Steps[0];

        Assert.Equal((TeamSteps.Members, TeamProjectAgents.Members), (members.Id, members.Agent));
        Assert.Equal(
            """{"team":"crew","executors":[{"agent":"agt_0123456789abcdef0123"},{"capabilities":{"write":1},"min_confidence":0.5,"count":2}]}""",
            members.Input!.Value.GetRawText());
    }
}
