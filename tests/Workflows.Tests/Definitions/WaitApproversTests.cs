using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Tests.Definitions;

public sealed class WaitApproversTests
{
    [Fact]
    public void Bad_approvers_and_a_default_outcome_without_a_timeout_are_named_by_path()
    {
        var problems = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("""
            id: bad-approvals
            steps:
              - { id: a, kind: wait, event: { name: go, approvers: [operator, boss, agt_XYZ] } }
              - { id: b, kind: wait, event: { name: go2, approvers: [] } }
              - { id: c, kind: wait, event: { name: go3, timeout_output: { approved: false } } }
            """)).Problems;

        Assert.Contains(problems, p => p.Path == "steps[a].event.approvers[1]");
        Assert.Contains(problems, p => p.Path == "steps[a].event.approvers[2]");
        Assert.DoesNotContain(problems, p => p.Path == "steps[a].event.approvers[0]");
        Assert.Contains(problems, p => p.Path == "steps[b].event.approvers");
        Assert.Contains(problems, p => p.Path == "steps[c].event.timeout_output");
    }

    [Fact]
    public void The_approvers_of_an_event_are_the_union_over_every_wait_on_it_nested_ones_included()
    {
        var definition = WorkflowDefinitionLoader.FromYaml("""
            id: nested-approvals
            steps:
              - { id: a, kind: wait, event: { name: go, approvers: [operator] } }
              - id: p
                kind: parallel
                branches:
                  - steps:
                      - id: c
                        kind: condition
                        if: input.x == 1
                        then:
                          - { id: d, kind: wait, event: { name: go, approvers: [coordinator] } }
                  - steps:
                      - { id: e, kind: wait, event: { name: free } }
            """);

        Assert.Equal(["coordinator", "operator"], WaitApprovers.Of(definition, "go")!.Order(StringComparer.Ordinal));
        Assert.Null(WaitApprovers.Of(definition, "free"));
        Assert.True(WaitApprovers.IsApprover("agt_0123456789abcdef0123"));
        Assert.False(WaitApprovers.IsApprover("agt_0123456789ABCDEF0123"));
    }

    [Fact]
    public void A_wait_in_a_for_each_template_guards_its_event()
    {
        var definition = WorkflowDefinitionLoader.FromYaml("""
            id: per-item-approvals
            steps:
              - id: each
                kind: parallel
                for_each: ${input.items}
                steps:
                  - { id: sign, kind: wait, event: { name: sign-off, approvers: [manager] } }
            """);

        Assert.Equal(["manager"], WaitApprovers.Of(definition, "sign-off")!);
    }
}
