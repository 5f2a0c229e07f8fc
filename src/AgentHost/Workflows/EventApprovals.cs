using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Who may raise an event that a <c>wait</c> step guards with <c>approvers</c>: the operator when <c>operator</c> is listed,
/// an agent when its id or its team role is listed; nobody else, whatever scoped rights they hold.</summary>
public static class EventApprovals
{
    /// <summary>The answer for a caller who is not an approver.</summary>
    public const string NotAnApprover = "Only the approvers the workflow definition names for this event (the operator, agents by id or by role) may raise it.";

    /// <summary>Whether the caller of a raise-event request (<c>{id}</c> and <c>{name}</c> route values) is an approver; null when
    /// the event is not guarded (no such instance, or no wait step of its definition names approvers for it).</summary>
    public static async ValueTask<bool?> AllowsCallerAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var eventName = http.Request.RouteValues["name"] as string;
        if (!WorkflowInstanceId.TryParse(http.Request.RouteValues["id"] as string, out var instanceId) || !WorkflowNames.IsValidName(eventName))
        {
            return null;
        }

        var workflows = http.RequestServices.GetRequiredService<IWorkflowClient>();
        if (await workflows.GetStatusAsync(instanceId, http.RequestAborted) is not { } instance
            || await workflows.GetDefinitionAsync(instance.DefinitionId, instance.DefinitionVersion, http.RequestAborted) is not { } definition
            || WaitApprovers.Of(definition, eventName) is not { } approvers)
        {
            return null;
        }

        if (http.FindAgentCaller() is not { } caller)
        {
            return http.IsOperator() && approvers.Contains(WaitApprovers.Operator);
        }

        if (approvers.Contains(caller.AgentId))
        {
            return true;
        }

        var profile = await http.RequestServices.GetRequiredService<IAgentIdentityStore>().GetAsync(caller.AgentId, http.RequestAborted);
        return profile?.Role is { } role && approvers.Contains(AgentRoles.NameOf(role));
    }
}
