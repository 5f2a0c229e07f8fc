using System.Globalization;
using AgentPlatform.AgentHost.Channels;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Channels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The operator dashboard: the page, sign-in and sign-out, its files, the data the JSON API does not answer for an
/// operator, and the live update stream.</summary>
/// <remarks>The page reads agents, workflow instances and the health summary from the JSON API, where a GET carrying the
/// session cookie counts as the operator (see <see cref="ApiAuthorization"/>).</remarks>
public static class DashboardEndpoints
{
    private const int MaxTokenFormBytes = 4096;
    private const int ChannelPageSize = 20;
    private const string DisabledMessage = "The dashboard is disabled: the host has no operator token (set Api:OperatorToken and restart).";

    /// <summary>Maps <c>/dashboard</c> and everything under it.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(DashboardPaths.Page).WithTags("Dashboard").ExcludeFromDescription();
        group.MapGet("/", ShowDashboardAsync).WithName("Dashboard");
        group.MapGet("/sign-in", ShowSignInAsync).WithName("DashboardSignInForm");
        group.MapPost("/sign-in", SignInAsync).WithName("DashboardSignIn");
        group.MapPost("/sign-out", SignOut).WithName("DashboardSignOut");
        group.MapGet("/assets/{name}", GetAsset).WithName("DashboardAsset");
        group.MapGet("/api/channels", ListChannelsAsync).WithName("DashboardChannels").RequireDashboardSession();
        group.MapGet("/api/tasks", ListOpenTasks).WithName("DashboardOpenTasks").RequireDashboardSession();
        group.MapGet("/events", DashboardLiveUpdates.StreamAsync).WithName("DashboardEvents").RequireDashboardSession();
        return endpoints;
    }

    private static async Task ShowDashboardAsync(HttpContext context, DashboardSessions sessions)
    {
        if (sessions.IsSignedIn(context))
        {
            await DashboardPages.WriteDashboardAsync(context);
        }
        else
        {
            context.Response.Redirect(DashboardPaths.SignIn);
        }
    }

    private static async Task ShowSignInAsync(HttpContext context, DashboardSessions sessions)
    {
        if (!sessions.IsEnabled)
        {
            await DashboardPages.WriteSignInAsync(context, StatusCodes.Status403Forbidden, DisabledMessage);
        }
        else if (sessions.IsSignedIn(context))
        {
            context.Response.Redirect(DashboardPaths.Page);
        }
        else
        {
            await DashboardPages.WriteSignInAsync(context, StatusCodes.Status200OK, null);
        }
    }

    private static async Task SignInAsync(
        HttpContext context,
        DashboardSessions sessions,
        OperatorToken operatorToken,
        [FromKeyedServices(DashboardOptions.SignInLimiterKey)] AddressRateLimiter attempts,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(DashboardEndpoints));
        var remote = context.Connection.RemoteIpAddress;
        var address = remote?.ToString();
        if (attempts.WaitFor(remote) is { } wait)
        {
            var seconds = Problems.RetryAfterSeconds(wait);
            var tooMany = $"Too many failed sign-ins from this address. Try again in {seconds} s.";
            Log.DashboardSignInRefused(logger, address, tooMany);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await DashboardPages.WriteSignInAsync(context, StatusCodes.Status429TooManyRequests, tooMany);
            return;
        }

        var refusal = await CheckSignInAsync(context, sessions, operatorToken);
        if (refusal is var (status, message))
        {
            if (status == StatusCodes.Status401Unauthorized)
            {
                attempts.TryAcquire(remote);
            }

            Log.DashboardSignInRefused(logger, address, message);
            await DashboardPages.WriteSignInAsync(context, status, message);
            return;
        }

        var (value, expiresAt) = sessions.Issue();
        context.Response.Cookies.Append(DashboardSessions.CookieName, value, CookieOptions(context, expiresAt));
        Log.DashboardSignedIn(logger, address);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = DashboardPaths.Page;
    }

    private static async Task<(int Status, string Message)?> CheckSignInAsync(HttpContext context, DashboardSessions sessions, OperatorToken operatorToken)
    {
        if (!SameOriginRequest.IsAllowed(context.Request))
        {
            return (StatusCodes.Status403Forbidden, "The sign-in came from another site and was refused.");
        }

        if (!sessions.IsEnabled)
        {
            return (StatusCodes.Status403Forbidden, DisabledMessage);
        }

        if (!context.Request.HasFormContentType || context.Request.ContentLength is null or > MaxTokenFormBytes)
        {
            return (StatusCodes.Status400BadRequest, "Send the sign-in form: the operator token as the field 'token'.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var token = form["token"];
        if (token.Count != 1 || string.IsNullOrEmpty(token[0]))
        {
            return (StatusCodes.Status400BadRequest, "Enter the operator token.");
        }

        return operatorToken.Matches(token[0]!)
            ? null
            : (StatusCodes.Status401Unauthorized, "The operator token is wrong. Use the value of Api:OperatorToken the host was started with.");
    }

    private static IResult SignOut(HttpContext context, DashboardSessions sessions, ILoggerFactory loggers)
    {
        if (!SameOriginRequest.IsAllowed(context.Request))
        {
            return Problems.Forbidden("The sign-out came from another site and was refused.");
        }

        var cookie = context.Request.Cookies[DashboardSessions.CookieName];
        if (sessions.IsValid(cookie))
        {
            sessions.Revoke(cookie);
            Log.DashboardSignedOut(loggers.CreateLogger(typeof(DashboardEndpoints)), context.Connection.RemoteIpAddress?.ToString());
        }

        context.Response.Cookies.Delete(DashboardSessions.CookieName, CookieOptions(context, null));
        return TypedResults.Redirect(DashboardPaths.SignIn);
    }

    private static IResult GetAsset(string name, HttpContext context)
    {
        if (DashboardAssets.Find(name) is not { } asset || name.EndsWith(".html", StringComparison.Ordinal))
        {
            return Problems.NotFound($"The dashboard has no file '{Problems.Printable(name)}'.");
        }

        DashboardPages.AddSecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = asset.ETag;
        return context.Request.Headers.IfNoneMatch == asset.ETag
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static async Task<Results<Ok<ChannelActivityPageView>, ApiProblem>> ListChannelsAsync(
        string? after, HttpContext context, DashboardReader reader)
    {
        if (after is not null && !ChannelId.IsValid(after))
        {
            return Problems.Validation("after", "must be a cursor returned by a previous page");
        }

        try
        {
            return TypedResults.Ok(await reader.ReadChannelsAsync(after, ChannelPageSize, context.RequestAborted));
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static Ok<OpenTasksView> ListOpenTasks(DashboardReader reader) => TypedResults.Ok(reader.ReadOpenTasks());

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };
}
