using Microsoft.AspNetCore.Diagnostics;

namespace AgentPlatform.AgentHost.Http;

/// <summary>The API's error middleware: every failure outside a handler becomes problem+json.</summary>
public static class PlatformApiApplicationExtensions
{
    /// <summary>Turns unhandled exceptions into a 500 <c>internal</c> problem (details only in the log) and empty
    /// error answers (unknown route, method mismatch, failed binding) into the matching problem.</summary>
    public static WebApplication UsePlatformApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleExceptionAsync,
            StatusCodeSelector = _ => 500,

            // A request the framework could not read is the client's error, answered as such; it is not logged as a failure.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages(context =>
        {
            var response = context.HttpContext.Response;
            return response.HasStarted || response.ContentType is not null
                ? Task.CompletedTask
                : Problems.ForStatus(response.StatusCode).ExecuteAsync(context.HttpContext);
        });
        return app;
    }

    private static Task HandleExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is BadHttpRequestException bad)
        {
            return Problems.Unreadable(bad).ExecuteAsync(context);
        }

        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AgentPlatform.AgentHost.Http");
        Log.UnhandledException(logger, exception ?? new InvalidOperationException("Unknown failure."), context.Request.Method, context.Request.Path);
        return Problems.Internal().ExecuteAsync(context);
    }
}
