using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace AgentPlatform.AgentHost.Http;

/// <summary>Creates the API's problem+json answers with their stable <see cref="ProblemTypes"/>.</summary>
public static class Problems
{
    /// <summary>400 <c>validation</c> naming one field.</summary>
    /// <param name="field">The JSON path of the field, for example <c>capabilities.search</c>.</param>
    /// <param name="message">What is wrong, for example <c>must be between 0 and 1</c>.</param>
    public static ApiProblem Validation(string field, string message) => Validation([new FieldError(field, message)]);

    /// <summary>400 <c>validation</c> naming every invalid field at once.</summary>
    public static ApiProblem Validation(IReadOnlyCollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var byField = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        var detail = string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}."));
        return Create(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "The request is invalid.", detail, ("errors", byField));
    }

    /// <summary>400 <c>malformed-json</c>: the body is not well-formed JSON.</summary>
    public static ApiProblem MalformedJson(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.MalformedJson, "The body is not valid JSON.", detail);

    /// <summary>415 <c>unsupported-media-type</c>: the body is not <c>application/json</c>.</summary>
    public static ApiProblem UnsupportedMediaType(string? contentType) =>
        Create(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "The body must be application/json.",
            contentType is null ? "The request has a body but no Content-Type." : $"Content-Type '{contentType}' is not supported; send application/json.");

    /// <summary>413 <c>payload-too-large</c>: the body exceeds <paramref name="limitBytes"/>.</summary>
    public static ApiProblem PayloadTooLarge(long limitBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The body is too large.",
            $"Bodies are limited to {limitBytes.ToString(CultureInfo.InvariantCulture)} bytes.");

    /// <summary>413 <c>payload-too-large</c>: the body exceeds <paramref name="limitBytes"/>, set by the configuration key
    /// <paramref name="limitName"/>.</summary>
    public static ApiProblem PayloadTooLarge(long limitBytes, string limitName) =>
        Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The body is too large.",
            $"This body is limited to {limitBytes.ToString(CultureInfo.InvariantCulture)} bytes ({limitName}).");

    /// <summary>401 <c>unauthorized</c> with <c>WWW-Authenticate: Bearer</c>.</summary>
    public static ApiProblem Unauthorized(string detail) =>
        Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Authentication is required.", detail,
            headers: [new("WWW-Authenticate", "Bearer")]);

    /// <summary>403 <c>forbidden</c>: the caller is known but may not do this.</summary>
    public static ApiProblem Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The operation is not allowed.", detail);

    /// <summary>404 <c>not-found</c>.</summary>
    public static ApiProblem NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "The resource does not exist.", detail);

    /// <summary>405 <c>method-not-allowed</c> with an <c>Allow</c> header listing <paramref name="allowed"/>.</summary>
    public static ApiProblem MethodNotAllowed(params string[] allowed)
    {
        var allow = string.Join(", ", allowed);
        return Create(StatusCodes.Status405MethodNotAllowed, ProblemTypes.MethodNotAllowed, "The method is not allowed on this path.",
            allow.Length == 0 ? "No method is allowed on this path." : $"Allowed methods: {allow}.", headers: [new("Allow", allow)]);
    }

    /// <summary>409 <c>conflict</c>.</summary>
    public static ApiProblem Conflict(string detail) =>
        Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "The request conflicts with the current state.", detail);

    /// <summary>429 <c>rate-limited</c> with <c>Retry-After</c> (whole seconds, rounded up) and <c>retry_after_seconds</c> in the body.</summary>
    public static ApiProblem RateLimited(TimeSpan retryAfter, string? detail = null)
    {
        var seconds = RetryAfterSeconds(retryAfter);
        var text = seconds.ToString(CultureInfo.InvariantCulture);
        return Create(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, "Too many requests.",
            detail ?? $"Retry after {text} seconds.", ("retry_after_seconds", seconds), [new("Retry-After", text)]);
    }

    /// <summary>504 <c>timeout</c>: what the request waited for did not arrive in time; <paramref name="extension"/> names it.</summary>
    public static ApiProblem Timeout(string detail, (string Name, object Value) extension) =>
        Create(StatusCodes.Status504GatewayTimeout, ProblemTypes.Timeout, "The wait timed out.", detail, extension);

    /// <summary>503 <c>unavailable</c> with <c>Retry-After</c>: the host is at a capacity limit, not the caller over its own.</summary>
    public static ApiProblem Unavailable(TimeSpan retryAfter, string detail)
    {
        var text = RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        return Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "The service is at capacity.", detail, headers: [new("Retry-After", text)]);
    }

    /// <summary>500 <c>internal</c>; never carries exception details.</summary>
    public static ApiProblem Internal() =>
        Create(StatusCodes.Status500InternalServerError, ProblemTypes.Internal, "An unexpected error occurred.",
            "The server failed to process the request; it has been logged.");

    /// <summary>The problem for a status code produced outside a handler (unknown route, method mismatch, bad binding).</summary>
    public static ApiProblem ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => Create(statusCode, ProblemTypes.Validation, "The request is invalid.", "The request could not be read."),
        StatusCodes.Status401Unauthorized => Unauthorized("Send Authorization: Bearer <api key>."),
        StatusCodes.Status403Forbidden => Forbidden("The operation is not allowed."),
        StatusCodes.Status404NotFound => NotFound("No resource at this path."),
        StatusCodes.Status405MethodNotAllowed => Create(statusCode, ProblemTypes.MethodNotAllowed, "The method is not allowed on this path.", "See the Allow header."),
        StatusCodes.Status413PayloadTooLarge => Create(statusCode, ProblemTypes.PayloadTooLarge, "The body is too large.", "The request body exceeds the limit."),
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(null),
        StatusCodes.Status429TooManyRequests => Create(statusCode, ProblemTypes.RateLimited, "Too many requests.", "Slow down."),
        >= 500 => Internal(),
        _ => Create(statusCode, ProblemTypes.Base + statusCode.ToString(CultureInfo.InvariantCulture), "The request failed.", null),
    };

    /// <summary>The problem for a request the framework could not read: a 400 says what (a parameter that did not bind names itself
    /// and the value given), any other status is answered as <see cref="ForStatus"/> does.</summary>
    public static ApiProblem Unreadable(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode == StatusCodes.Status400BadRequest
            ? Create(exception.StatusCode, ProblemTypes.Validation, "The request is invalid.", Printable(exception.Message))
            : ForStatus(exception.StatusCode);
    }

    /// <summary>Whole seconds to wait, rounded up, at least 1.</summary>
    public static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>Client text made safe to echo in a problem; see <see cref="ClientText.Printable"/>.</summary>
    public static string Printable(string text) => ClientText.Printable(text);

    private static ApiProblem Create(
        int status, string type, string title, string? detail, (string Name, object Value)? extension = null,
        KeyValuePair<string, string>[]? headers = null)
    {
        var details = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        if (extension is { } ext)
        {
            details.Extensions[ext.Name] = ext.Value;
        }

        return new ApiProblem(details, headers ?? []);
    }
}
