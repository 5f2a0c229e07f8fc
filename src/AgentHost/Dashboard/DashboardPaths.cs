namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The dashboard's routes.</summary>
public static class DashboardPaths
{
    /// <summary>The page.</summary>
    public const string Page = "/dashboard";

    /// <summary>The sign-in form (GET) and its submission (POST).</summary>
    public const string SignIn = "/dashboard/sign-in";

    /// <summary>Sign-out (POST).</summary>
    public const string SignOut = "/dashboard/sign-out";

    /// <summary>The live update stream (server-sent events).</summary>
    public const string Events = "/dashboard/events";
}
