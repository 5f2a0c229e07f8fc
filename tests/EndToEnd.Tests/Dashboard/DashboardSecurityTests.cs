using System.Net;
using System.Text;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dashboard;

public sealed class DashboardSecurityTests(ITestOutputHelper output)
{
    private const string OperatorToken = "dashboard-security-operator-token";

    [Fact]
    public async Task Dashboard_data_needs_a_session_that_only_the_operator_token_gives_and_sign_out_ends()
    {
        var timeout = TestTimeout.After(90);
        await using var host = await HostProcess.StartNewAsync(output, new Dictionary<string, string> { ["Api__OperatorToken"] = OperatorToken }, timeout);
        using var client = new DashboardClient(host);

        // Without a session: the page redirects to the form, data and the live stream answer 401.
        using (var page = await client.SendAsync(HttpMethod.Get, "dashboard", null, null, timeout))
        {
            Assert.Equal(HttpStatusCode.Found, page.StatusCode);
            Assert.Equal("/dashboard/sign-in", page.Headers.Location?.OriginalString);
        }

        foreach (var path in new[] { "dashboard/api/channels", "dashboard/api/tasks", "dashboard/events", "api/v1/workflows/instances", "api/v1/health" })
        {
            using var anonymous = await client.SendAsync(HttpMethod.Get, path, null, null, timeout);
            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {anonymous.StatusCode}");
        }

        // A wrong token: a clear error on the form, and no cookie.
        using (var wrong = await client.SignInAsync("not-the-operator-token", null, timeout))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("The operator token is wrong", await wrong.Content.ReadAsStringAsync(timeout), StringComparison.Ordinal);
            Assert.Null(DashboardClient.SetCookieOf(wrong));
        }

        // The right token posted from another site (login CSRF) is refused too.
        using (var crossSite = await client.SignInAsync(OperatorToken, "https://evil.example", timeout))
        {
            Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
            Assert.Null(DashboardClient.SetCookieOf(crossSite));
        }

        // The right token from the page's own origin: a session cookie scripts cannot read, never sent cross-site, with an expiry.
        string cookie;
        using (var signedIn = await client.SignInAsync(OperatorToken, host.BaseAddress.GetLeftPart(UriPartial.Authority), timeout))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
            Assert.Equal("/dashboard", signedIn.Headers.Location?.OriginalString);
            var setCookie = DashboardClient.SetCookieOf(signedIn)!;
            var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=strict", attributes);
            Assert.Contains("path=/", attributes);
            Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
            Assert.DoesNotContain("secure", attributes); // plain HTTP on loopback; over HTTPS the cookie is Secure
            Assert.DoesNotContain(OperatorToken, setCookie, StringComparison.Ordinal);
            cookie = DashboardClient.SessionCookieOf(signedIn)!;
        }

        using (var page = await client.SendAsync(HttpMethod.Get, "dashboard", cookie, null, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync(timeout);
            Assert.DoesNotContain(OperatorToken, html, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        // The session reads the dashboard's data and the operator's JSON API...
        foreach (var path in new[] { "dashboard/api/channels", "dashboard/api/tasks", "api/v1/workflows/instances", "api/v1/health", "api/v1/agents" })
        {
            using var read = await client.SendAsync(HttpMethod.Get, path, cookie, null, timeout);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{path}: {read.StatusCode}");
        }

        // ...but writes still need the token itself.
        using (var content = new StringContent("""{ "id": "x", "steps": [ { "id": "a", "kind": "agent_task", "agent": "echo" } ] }""", Encoding.UTF8, "application/json"))
        using (var write = await client.SendAsync(HttpMethod.Post, "api/v1/workflows/definitions", cookie, null, timeout, content))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        }

        // An agent key is no session, and a session does not lift an agent to operator.
        var (_, agentKey) = await client.RegisterAsync(new { name = "curious-agent", capabilities = new Dictionary<string, double> { ["search"] = 1 } }, timeout);
        using (var agentData = await client.SendAsync(HttpMethod.Get, "dashboard/api/channels", null, agentKey, timeout))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, agentData.StatusCode);
        }

        using (var agentWithCookie = await client.SendAsync(HttpMethod.Get, "api/v1/workflows/instances", cookie, agentKey, timeout))
        {
            Assert.Equal(HttpStatusCode.Forbidden, agentWithCookie.StatusCode);
        }

        // A forged or altered cookie is no session.
        var forged = cookie[..^4] + (cookie.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using (var altered = await client.SendAsync(HttpMethod.Get, "dashboard/api/channels", forged, null, timeout))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, altered.StatusCode);
        }

        // Sign-out from another site is refused; from the page it ends the session for good.
        using (var crossSiteOut = await client.SendAsync(HttpMethod.Post, "dashboard/sign-out", cookie, null, timeout, origin: "https://evil.example"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, crossSiteOut.StatusCode);
        }

        using (var signOut = await client.SendAsync(HttpMethod.Post, "dashboard/sign-out", cookie, null, timeout))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            Assert.Contains("expires=Thu, 01 Jan 1970", DashboardClient.SetCookieOf(signOut), StringComparison.OrdinalIgnoreCase);
        }

        foreach (var path in new[] { "dashboard/api/channels", "api/v1/workflows/instances" })
        {
            using var after = await client.SendAsync(HttpMethod.Get, path, cookie, null, timeout);
            Assert.True(after.StatusCode == HttpStatusCode.Unauthorized, $"{path} after sign-out: {after.StatusCode}");
        }
    }

    [Fact]
    public async Task A_session_expires_after_its_lifetime_and_without_an_operator_token_nobody_signs_in()
    {
        var timeout = TestTimeout.After(90);
        await using var host = await HostProcess.StartNewAsync(
            output, new Dictionary<string, string> { ["Api__OperatorToken"] = OperatorToken, ["Dashboard__SessionLifetime"] = "00:00:02" }, timeout);
        using var client = new DashboardClient(host);
        var cookie = await client.SessionCookieAsync(OperatorToken, timeout);
        using (var fresh = await client.SendAsync(HttpMethod.Get, "dashboard/api/tasks", cookie, null, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // The cookie carries its expiry in whole seconds: within 3 s it must be refused, and stay refused.
        var refusedAt = await PollUntilRefusedAsync(client, cookie, TimeSpan.FromSeconds(10), timeout);
        Assert.True(refusedAt <= TimeSpan.FromSeconds(4), $"The session was still accepted {refusedAt} after sign-in.");

        await using var noToken = await HostProcess.StartNewAsync(output, cancellationToken: timeout);
        using var disabled = new DashboardClient(noToken);
        using var signIn = await disabled.SignInAsync("anything-at-all-long-enough", null, timeout);
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.Contains("no operator token", await signIn.Content.ReadAsStringAsync(timeout), StringComparison.Ordinal);
        Assert.Null(DashboardClient.SetCookieOf(signIn));
    }

    private static async Task<TimeSpan> PollUntilRefusedAsync(DashboardClient client, string cookie, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            using var response = await client.SendAsync(HttpMethod.Get, "dashboard/api/tasks", cookie, null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The session was still accepted after {limit}.");
    }
}
