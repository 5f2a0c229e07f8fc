using Microsoft.Extensions.Options;

namespace AgentPlatform.Api;

/// <summary>Rejects API settings that cannot work, reporting every problem at once.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>The shortest operator token accepted.</summary>
    public const int MinimumOperatorTokenLength = 16;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.OperatorToken is { Length: > 0 and < MinimumOperatorTokenLength })
        {
            failures.Add($"Api:OperatorToken must be at least {MinimumOperatorTokenLength} characters (or empty to disable admin endpoints).");
        }

        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"Api:MaxBodyBytes must be between 1024 and 16777216; it is {options.MaxBodyBytes}.");
        }

        ValidateBucket(options.RateLimit, "Api:RateLimit", failures);
        ValidateBucket(options.RegistrationRateLimit, "Api:RegistrationRateLimit", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds one line to <paramref name="failures"/> per setting of <paramref name="bucket"/> that cannot work.</summary>
    public static void ValidateBucket(ApiRateLimitOptions bucket, string section, List<string> failures)
    {
        if (!(bucket.PermitsPerSecond > 0) || double.IsInfinity(bucket.PermitsPerSecond))
        {
            failures.Add($"{section}:PermitsPerSecond must be a positive number; it is {bucket.PermitsPerSecond}.");
        }

        if (bucket.Burst < 1)
        {
            failures.Add($"{section}:Burst must be at least 1; it is {bucket.Burst}.");
        }
    }
}
