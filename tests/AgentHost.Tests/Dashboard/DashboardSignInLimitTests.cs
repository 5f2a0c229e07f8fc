using System.Net;
using AgentPlatform.AgentHost.Dashboard;

namespace AgentPlatform.AgentHost.Tests.Dashboard;

/// <summary>Failed dashboard sign-ins are limited per client address; bad limit settings stop the start with one line each.</summary>
public sealed class DashboardSignInLimitTests
{
    [Fact]
    public async Task After_the_burst_of_wrong_tokens_even_the_right_token_is_answered_429_with_retry_after()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Dashboard:SignInAttempts:Burst"] = "3",
            ["Dashboard:SignInAttempts:PermitsPerSecond"] = "0.05",
        });

        // Right tokens do not count: a signed-in operator may sign in again at will.
        for (var i = 0; i < 5; i++)
        {
            using var right = await SignInAsync(host, TestHost.OperatorToken);
            await AssertStatusAsync(HttpStatusCode.SeeOther, right, $"right token {i + 1}");
        }

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await SignInAsync(host, "not-the-operator-token");
            await AssertStatusAsync(HttpStatusCode.Unauthorized, wrong, $"wrong token {i + 1}");
        }

        using (var limited = await SignInAsync(host, TestHost.OperatorToken))
        {
            var page = await AssertStatusAsync(HttpStatusCode.TooManyRequests, limited, "right token after the burst");
            var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
            Assert.True(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 20, $"Retry-After: {retryAfter}");
            Assert.Contains("Too many failed sign-ins from this address", page, StringComparison.Ordinal);
            Assert.False(limited.Headers.Contains("Set-Cookie"));
        }
    }

    [Fact]
    public void A_limit_that_cannot_work_is_reported_in_one_line_per_setting()
    {
        var options = new DashboardOptions { SignInAttempts = new() { PermitsPerSecond = 0, Burst = 0 } };

        var result = new DashboardOptionsValidator().Validate(null, options);

        Assert.Equal(
            ["Dashboard:SignInAttempts:PermitsPerSecond must be a positive number; it is 0.", "Dashboard:SignInAttempts:Burst must be at least 1; it is 0."],
            result.Failures!);
        Assert.True(new DashboardOptionsValidator().Validate(null, new DashboardOptions()).Succeeded);
    }

    /// <summary>Checks the status, naming the attempt and showing the page when it differs; returns the page.</summary>
    private static async Task<string> AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response, string attempt)
    {
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{attempt}: expected {expected}, got {response.StatusCode}: {page}");
        return page;
    }

    private static async Task<HttpResponseMessage> SignInAsync(TestHost host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("dashboard/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
        return await client.SendAsync(request, TestKit.TestTimeout.After(30));
    }
}
