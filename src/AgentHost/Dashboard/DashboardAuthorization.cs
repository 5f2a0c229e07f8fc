using AgentPlatform.AgentHost.Http;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The dashboard's session requirement as an endpoint filter.</summary>
public static class DashboardAuthorization
{
    /// <summary>Requires a valid dashboard session cookie; answers 401 <c>unauthorized</c> otherwise. An operator token or agent
    /// key in the <c>Authorization</c> header does not stand in for it.</summary>
    public static TBuilder RequireDashboardSession<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<DashboardSessions>().IsSignedIn(context.HttpContext)
                ? await next(context)
                : Problems.Unauthorized($"Sign in to the dashboard first: {DashboardPaths.SignIn}."));
}
