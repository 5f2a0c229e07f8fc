using AgentPlatform.Agents.Identity;

namespace AgentPlatform.AgentHost.Tests.Identity;

public sealed class AgentProfileRulesTests
{
    [Theory]
    [InlineData("abc", true)]
    [InlineData("Agent_007-x", true)]
    [InlineData("ab", false)]
    [InlineData("has space", false)]
    [InlineData("dot.name", false)]
    [InlineData("émile", false)]
    public void Names(string name, bool valid)
    {
        var errors = new List<ProfileError>();
        AgentProfileRules.ValidateName(name, errors);
        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void Every_broken_rule_of_a_registration_is_reported_at_once()
    {
        var errors = AgentProfileRules.Validate(new AgentRegistration(
            "x", new string('d', 2001), "", new Dictionary<string, double> { ["ok"] = 0.5, ["BAD"] = 0.5, ["nan"] = double.NaN }));

        Assert.Equal(["name", "description", "emoji", "capabilities.BAD", "capabilities.nan"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Description_allows_line_breaks_but_not_other_control_characters()
    {
        var errors = new List<ProfileError>();
        AgentProfileRules.ValidateDescription("line one\nline two\ttab", errors);
        Assert.Empty(errors);
        AgentProfileRules.ValidateDescription("escape\u001b[31m", errors);
        Assert.Single(errors);
    }
}
