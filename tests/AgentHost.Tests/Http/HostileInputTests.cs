using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace AgentPlatform.AgentHost.Tests.Http;

/// <summary>Malformed or hostile requests across the endpoints: each gets its own status and problem type, none changes stored state.</summary>
public sealed class HostileInputTests(HostileInputTests.Fixture fixture) : IClassFixture<HostileInputTests.Fixture>
{
    private const string Json = "application/json";
    private const string Caller = "{caller}";
    private const string Operator = "{operator}";

    private static readonly string LongName = new('a', 65);
    private static readonly string TooManyCapabilities = "{" + string.Join(",", Enumerable.Range(0, 65).Select(i => $"\"c{i}\":0.5")) + "}";
    private static readonly string Deep = new string('[', 100) + new string(']', 100);
    private static readonly string SixtyFiveCapabilities = string.Join(",", Enumerable.Range(0, 65).Select(i => $"c{i}"));
    private static readonly string TooManyDefinitions = "{\"start_definitions\":[" + string.Join(",", Enumerable.Range(0, 257).Select(i => $"\"d{i}\"")) + "]}";
    private static readonly string Oversized = $$"""{"name":"big-agent","description":"{{new string('x', 70_000)}}"}""";

    private static readonly Dictionary<string, HostileCase> Cases = new HostileCase[]
    {
        // Registration (open endpoint).
        new("register: truncated JSON", "POST", "api/v1/agents", null, Json, """{"name":""", 400, "malformed-json"),
        new("register: not JSON", "POST", "api/v1/agents", null, Json, "hello there", 400, "malformed-json"),
        new("register: trailing comma", "POST", "api/v1/agents", null, Json, """{"name":"trail-1",}""", 400, "malformed-json"),
        new("register: comment", "POST", "api/v1/agents", null, Json, """{/* hi */"name":"comment-1"}""", 400, "malformed-json"),
        new("register: duplicate property", "POST", "api/v1/agents", null, Json, """{"name":"dup-one","name":"dup-two"}""", 400, "malformed-json"),
        new("register: nesting 100 deep", "POST", "api/v1/agents", null, Json, $$"""{"name":"deep-one","capabilities":{{Deep}}}""", 400, "malformed-json"),
        new("register: invalid UTF-8", "POST", "api/v1/agents", null, Json, "{\"name\":\"\udcff\"}", 400, "malformed-json"),
        new("register: JSON array", "POST", "api/v1/agents", null, Json, "[]", 400, "validation"),
        new("register: JSON string", "POST", "api/v1/agents", null, Json, "\"agent\"", 400, "validation"),
        new("register: JSON null", "POST", "api/v1/agents", null, Json, "null", 400, "validation"),
        new("register: empty body", "POST", "api/v1/agents", null, Json, "", 400, "validation"),
        new("register: text/plain", "POST", "api/v1/agents", null, "text/plain", """{"name":"plain-one"}""", 415, "unsupported-media-type"),
        new("register: form encoded", "POST", "api/v1/agents", null, "application/x-www-form-urlencoded", "name=form-one", 415, "unsupported-media-type"),
        new("register: no content type", "POST", "api/v1/agents", null, null, """{"name":"no-type"}""", 415, "unsupported-media-type"),
        new("register: XML", "POST", "api/v1/agents", null, "application/xml", "<agent name=\"xml-one\"/>", 415, "unsupported-media-type"),
        new("register: body over 64 KiB", "POST", "api/v1/agents", null, Json, Oversized, 413, "payload-too-large"),
        new("register: name missing", "POST", "api/v1/agents", null, Json, "{}", 400, "validation"),
        new("register: name null", "POST", "api/v1/agents", null, Json, """{"name":null}""", 400, "validation"),
        new("register: name is a number", "POST", "api/v1/agents", null, Json, """{"name":12345}""", 400, "validation"),
        new("register: name too short", "POST", "api/v1/agents", null, Json, """{"name":"ab"}""", 400, "validation"),
        new("register: name too long", "POST", "api/v1/agents", null, Json, $$"""{"name":"{{LongName}}"}""", 400, "validation"),
        new("register: SQL injection name", "POST", "api/v1/agents", null, Json, """{"name":"x'; DROP TABLE state;--"}""", 400, "validation"),
        new("register: NUL in name", "POST", "api/v1/agents", null, Json, """{"name":"bad\u0000name"}""", 400, "validation"),
        new("register: path traversal name", "POST", "api/v1/agents", null, Json, """{"name":"../../etc/passwd"}""", 400, "validation"),
        new("register: homoglyph name", "POST", "api/v1/agents", null, Json, """{"name":"аlpha-cyr"}""", 400, "validation"),
        new("register: description too long", "POST", "api/v1/agents", null, Json, $$"""{"name":"long-desc","description":"{{new string('d', 2001)}}"}""", 400, "validation"),
        new("register: bell in description", "POST", "api/v1/agents", null, Json, """{"name":"bell-desc","description":"ring\u0007"}""", 400, "validation"),
        new("register: emoji too long", "POST", "api/v1/agents", null, Json, """{"name":"long-emoji","emoji":"😀😀😀😀😀😀😀😀😀"}""", 400, "validation"),
        new("register: capabilities array", "POST", "api/v1/agents", null, Json, """{"name":"cap-array","capabilities":["search"]}""", 400, "validation"),
        new("register: proficiency string", "POST", "api/v1/agents", null, Json, """{"name":"cap-string","capabilities":{"search":"high"}}""", 400, "validation"),
        new("register: proficiency above 1", "POST", "api/v1/agents", null, Json, """{"name":"cap-high","capabilities":{"search":1.5}}""", 400, "validation"),
        new("register: proficiency negative", "POST", "api/v1/agents", null, Json, """{"name":"cap-neg","capabilities":{"search":-0.1}}""", 400, "validation"),
        new("register: proficiency overflow", "POST", "api/v1/agents", null, Json, """{"name":"cap-huge","capabilities":{"search":1e400}}""", 400, "validation"),
        new("register: proficiency null", "POST", "api/v1/agents", null, Json, """{"name":"cap-null","capabilities":{"search":null}}""", 400, "validation"),
        new("register: script capability name", "POST", "api/v1/agents", null, Json, """{"name":"cap-xss","capabilities":{"<script>":0.5}}""", 400, "validation"),
        new("register: uppercase capability", "POST", "api/v1/agents", null, Json, """{"name":"cap-upper","capabilities":{"Search":0.5}}""", 400, "validation"),
        new("register: 65 capabilities", "POST", "api/v1/agents", null, Json, $$"""{"name":"cap-many","capabilities":{{TooManyCapabilities}}}""", 400, "validation"),
        new("register: unknown field", "POST", "api/v1/agents", null, Json, """{"name":"sneaky-one","is_admin":true}""", 400, "validation"),
        new("register: task limit zero", "POST", "api/v1/agents", null, Json, """{"name":"tasks-zero","max_concurrent_tasks":0}""", 400, "validation"),
        new("register: task limit huge", "POST", "api/v1/agents", null, Json, """{"name":"tasks-huge","max_concurrent_tasks":10001}""", 400, "validation"),
        new("register: task limit fraction", "POST", "api/v1/agents", null, Json, """{"name":"tasks-frac","max_concurrent_tasks":1.5}""", 400, "validation"),
        new("register: task limit string", "POST", "api/v1/agents", null, Json, """{"name":"tasks-str","max_concurrent_tasks":"many"}""", 400, "validation"),
        new("register: interval too short", "POST", "api/v1/agents", null, Json, """{"name":"beat-short","heartbeat_interval_seconds":0.01}""", 400, "validation"),
        new("register: interval over a day", "POST", "api/v1/agents", null, Json, """{"name":"beat-long","heartbeat_interval_seconds":86401}""", 400, "validation"),
        new("register: interval string", "POST", "api/v1/agents", null, Json, """{"name":"beat-str","heartbeat_interval_seconds":"1h"}""", 400, "validation"),
        new("register: name case variant", "POST", "api/v1/agents", null, Json, """{"name":"HOSTILE-CALLER"}""", 409, "conflict"),

        // Own profile.
        new("patch: truncated JSON", "PATCH", "api/v1/agents/me", Caller, Json, """{"description":""", 400, "malformed-json"),
        new("patch: read-only id", "PATCH", "api/v1/agents/me", Caller, Json, """{"id":"agt_00000000000000000000"}""", 400, "validation"),
        new("patch: read-only name", "PATCH", "api/v1/agents/me", Caller, Json, """{"name":"hostile-victim"}""", 400, "validation"),
        new("patch: read-only status", "PATCH", "api/v1/agents/me", Caller, Json, """{"status":"available"}""", 400, "validation"),
        new("patch: unknown field", "PATCH", "api/v1/agents/me", Caller, Json, """{"role":"admin"}""", 400, "validation"),
        new("patch: proficiency string", "PATCH", "api/v1/agents/me", Caller, Json, """{"capabilities":{"search":"expert"}}""", 400, "validation"),
        new("patch: description number", "PATCH", "api/v1/agents/me", Caller, Json, """{"description":7}""", 400, "validation"),
        new("patch: task limit zero", "PATCH", "api/v1/agents/me", Caller, Json, """{"max_concurrent_tasks":0}""", 400, "validation"),
        new("patch: task limit string", "PATCH", "api/v1/agents/me", Caller, Json, """{"max_concurrent_tasks":"all"}""", 400, "validation"),
        new("patch: task limit overflow", "PATCH", "api/v1/agents/me", Caller, Json, """{"max_concurrent_tasks":99999999999}""", 400, "validation"),
        new("patch: interval over a day", "PATCH", "api/v1/agents/me", Caller, Json, """{"heartbeat_interval_seconds":1e9}""", 400, "validation"),
        new("patch: interval bool", "PATCH", "api/v1/agents/me", Caller, Json, """{"heartbeat_interval_seconds":true}""", 400, "validation"),
        new("patch: read-only load", "PATCH", "api/v1/agents/me", Caller, Json, """{"load":0}""", 400, "validation"),
        new("patch: read-only track record", "PATCH", "api/v1/agents/me", Caller, Json, """{"track_record":{"successes":1000}}""", 400, "validation"),
        new("patch: array body", "PATCH", "api/v1/agents/me", Caller, Json, """[{"description":"x"}]""", 400, "validation"),
        new("patch: text/plain", "PATCH", "api/v1/agents/me", Caller, "text/plain", """{"description":"x"}""", 415, "unsupported-media-type"),
        new("patch: body over 64 KiB", "PATCH", "api/v1/agents/me", Caller, Json, $$"""{"description":"{{new string('x', 70_000)}}"}""", 413, "payload-too-large"),
        new("patch: without a key", "PATCH", "api/v1/agents/me", null, Json, """{"description":"x"}""", 401, "unauthorized"),
        new("put on me", "PUT", "api/v1/agents/me", Caller, Json, """{"description":"x"}""", 405, "method-not-allowed"),

        // Heartbeat.
        new("heartbeat: unknown status", "POST", "api/v1/agents/me/heartbeat", Caller, Json, """{"status":"sleeping"}""", 400, "validation"),
        new("heartbeat: derived status working", "POST", "api/v1/agents/me/heartbeat", Caller, Json, """{"status":"working"}""", 400, "validation"),
        new("heartbeat: derived status error", "POST", "api/v1/agents/me/heartbeat", Caller, Json, """{"status":"error"}""", 400, "validation"),
        new("heartbeat: status number", "POST", "api/v1/agents/me/heartbeat", Caller, Json, """{"status":1}""", 400, "validation"),
        new("heartbeat: unknown field", "POST", "api/v1/agents/me/heartbeat", Caller, Json, """{"status":"busy","agent_id":"x"}""", 400, "validation"),
        new("heartbeat: malformed JSON", "POST", "api/v1/agents/me/heartbeat", Caller, Json, "{status:busy}", 400, "malformed-json"),
        new("heartbeat: XML", "POST", "api/v1/agents/me/heartbeat", Caller, "text/xml", "<busy/>", 415, "unsupported-media-type"),
        new("heartbeat: victim's path", "POST", "api/v1/agents/{victim}/heartbeat", Caller, null, null, 404, "not-found"),

        // Credentials.
        new("auth: no key", "GET", "api/v1/agents/me", null, null, null, 401, "unauthorized"),
        new("auth: SQL injection token", "GET", "api/v1/agents/me", "' OR '1'='1", null, null, 401, "unauthorized"),
        new("auth: 10 KB token", "GET", "api/v1/agents/me", new string('k', 10_000), null, null, 401, "unauthorized"),
        new("auth: key with wrong secret", "GET", "api/v1/agents/me", "{caller-wrong}", null, null, 401, "unauthorized"),
        new("auth: operator token on agent endpoint", "GET", "api/v1/agents/me", Operator, null, null, 401, "unauthorized"),

        // Cross-agent and admin.
        new("cross: revoke victim's keys", "POST", "api/v1/agents/{victim}/keys/revoke", Caller, null, null, 403, "forbidden"),
        new("cross: delete victim", "DELETE", "api/v1/agents/{victim}", Caller, null, null, 403, "forbidden"),
        new("cross: patch victim", "PATCH", "api/v1/agents/{victim}", Caller, Json, """{"description":"pwned"}""", 405, "method-not-allowed"),
        new("admin: revoke unknown agent", "POST", "api/v1/agents/agt_ffffffffffffffffffff/keys/revoke", Operator, null, null, 404, "not-found"),
        new("admin: delete malformed id", "DELETE", "api/v1/agents/..%2F..%2Fetc", Operator, null, null, 404, "not-found"),

        // Listing.
        new("list: limit zero", "GET", "api/v1/agents?limit=0", Caller, null, null, 400, "validation"),
        new("list: limit huge", "GET", "api/v1/agents?limit=99999999999", Caller, null, null, 400, "validation"),
        new("list: injected cursor", "GET", "api/v1/agents?after=1%20OR%201=1", Caller, null, null, 400, "validation"),
        new("list: unknown status", "GET", "api/v1/agents?status=dead", Caller, null, null, 400, "validation"),
        new("list: script capability", "GET", "api/v1/agents?capability=%3Cscript%3E", Caller, null, null, 400, "validation"),
        new("list: cursor over long.MaxValue (was 500)", "GET", "api/v1/agents?after=9999999999999999999", Caller, null, null, 400, "validation"),
        new("list: cursor of 20 digits with leading zeros", "GET", "api/v1/agents?after=00000000000000000001", Caller, null, null, 400, "validation"),
        new("inbox: wait NaN (was 500)", "GET", "api/v1/agents/me/inbox?wait=NaN", Caller, null, null, 400, "validation"),
        new("inbox: wait Infinity", "GET", "api/v1/agents/me/inbox?wait=Infinity", Caller, null, null, 400, "validation"),
        new("list: without a key", "GET", "api/v1/agents", null, null, null, 401, "unauthorized"),

        // Matching.
        new("match: no capabilities", "GET", "api/v1/registry/match", Caller, null, null, 400, "validation"),
        new("match: script capability", "GET", "api/v1/registry/match?capabilities=%3Cscript%3E", Caller, null, null, 400, "validation"),
        new("match: SQL injection", "GET", "api/v1/registry/match?capabilities=search'%20OR%201=1--", Caller, null, null, 400, "validation"),
        new("match: NUL in name", "GET", "api/v1/registry/match?capabilities=sea%00rch", Caller, null, null, 400, "validation"),
        new("match: 65 capabilities", "GET", $"api/v1/registry/match?capabilities={SixtyFiveCapabilities}", Caller, null, null, 400, "validation"),
        new("match: 5,000-character query", "GET", $"api/v1/registry/match?capabilities={new string('a', 5000)}", Caller, null, null, 400, "validation"),
        new("match: weight NaN", "GET", "api/v1/registry/match?capabilities=search:NaN", Caller, null, null, 400, "validation"),
        new("match: weight infinite", "GET", "api/v1/registry/match?capabilities=search:1e400", Caller, null, null, 400, "validation"),
        new("match: weight hex", "GET", "api/v1/registry/match?capabilities=search:0x10", Caller, null, null, 400, "validation"),
        new("match: duplicate capability", "GET", "api/v1/registry/match?capabilities=search:1,search:2", Caller, null, null, 400, "validation"),
        new("match: min_confidence above 1", "GET", "api/v1/registry/match?capabilities=search&min_confidence=1.01", Caller, null, null, 400, "validation"),
        new("match: min_confidence text", "GET", "api/v1/registry/match?capabilities=search&min_confidence=high", Caller, null, null, 400, "validation"),
        new("match: limit huge", "GET", "api/v1/registry/match?capabilities=search&limit=99999999999", Caller, null, null, 400, "validation"),
        new("match: without a key", "GET", "api/v1/registry/match?capabilities=search", null, null, null, 401, "unauthorized"),
        new("match: wrong key", "GET", "api/v1/registry/match?capabilities=search", "{caller-wrong}", null, null, 401, "unauthorized"),
        new("match: POST", "POST", "api/v1/registry/match?capabilities=search", Caller, Json, "{}", 405, "method-not-allowed"),

        // Inbox hand-back.
        new("nack: no ids", "POST", "api/v1/agents/me/inbox/nack", Caller, Json, "{}", 400, "validation"),
        new("nack: ids not a list", "POST", "api/v1/agents/me/inbox/nack", Caller, Json, """{"delivery_ids":"lobby:1"}""", 400, "validation"),
        new("nack: empty id", "POST", "api/v1/agents/me/inbox/nack", Caller, Json, """{"delivery_ids":[""]}""", 400, "validation"),
        new("nack: 1,001 ids", "POST", "api/v1/agents/me/inbox/nack", Caller, Json, "{\"delivery_ids\":[" + string.Join(",", Enumerable.Repeat("\"x:1\"", 1001)) + "]}", 400, "validation"),
        new("nack: text/plain", "POST", "api/v1/agents/me/inbox/nack", Caller, "text/plain", """{"delivery_ids":["x:1"]}""", 415, "unsupported-media-type"),
        new("nack: without a key", "POST", "api/v1/agents/me/inbox/nack", null, Json, """{"delivery_ids":["x:1"]}""", 401, "unauthorized"),

        // Workflow rights.
        new("rights: agent grants itself", "PUT", "api/v1/agents/{victim}/rights", Caller, Json, """{"start_definitions":["x"]}""", 403, "forbidden"),
        new("rights: unknown agent", "PUT", "api/v1/agents/agt_ffffffffffffffffffff/rights", Operator, Json, """{"start_definitions":["x"]}""", 404, "not-found"),
        new("rights: definitions not a list", "PUT", "api/v1/agents/{victim}/rights", Operator, Json, """{"start_definitions":"all"}""", 400, "validation"),
        new("rights: slash in definition", "PUT", "api/v1/agents/{victim}/rights", Operator, Json, """{"start_definitions":["../etc"]}""", 400, "validation"),
        new("rights: 257 definitions", "PUT", "api/v1/agents/{victim}/rights", Operator, Json, TooManyDefinitions, 400, "validation"),
        new("rights: unknown field", "PUT", "api/v1/agents/{victim}/rights", Operator, Json, """{"admin":true}""", 400, "validation"),
        new("rights: agent reads rights", "GET", "api/v1/agents/{victim}/rights", Caller, null, null, 403, "forbidden"),
        new("workflows: start without a right", "POST", "api/v1/workflows/instances", Caller, Json, """{"definition_id":"anything"}""", 403, "forbidden"),
        new("workflows: event without a right", "POST", "api/v1/workflows/instances/any/events/go", Caller, Json, "{}", 403, "forbidden"),
        new("workflows: agent lists instances", "GET", "api/v1/workflows/instances", Caller, null, null, 403, "forbidden"),
        new("workflows: agent registers a definition", "POST", "api/v1/workflows/definitions", Caller, Json, "{}", 403, "forbidden"),

        // Routing.
        new("unknown route", "GET", "api/v1/nothing-here", Caller, null, null, 404, "not-found"),
        new("unknown agent id", "GET", "api/v1/agents/agt_00000000000000000000", Caller, null, null, 404, "not-found"),
        new("bell in agent id", "GET", "api/v1/agents/agt%07x", Caller, null, null, 404, "not-found"),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Fact]
    public void The_table_has_at_least_forty_cases() => Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Hostile_input_gets_its_status_and_changes_nothing(string name)
    {
        var hostile = Cases[name];
        var host = fixture.Host;
        var before = await host.SnapshotAsync();

        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), new Uri(hostile.Path.Replace("{victim}", fixture.VictimId, StringComparison.Ordinal), UriKind.Relative));
        var bearer = hostile.Bearer switch
        {
            Caller => fixture.CallerKey,
            "{caller-wrong}" => fixture.CallerKey[..^3] + (fixture.CallerKey.EndsWith("xyz", StringComparison.Ordinal) ? "abc" : "xyz"),
            Operator => TestHost.OperatorToken,
            var other => other,
        };
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
        }

        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(name == "register: invalid UTF-8" ? [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8] : Encoding.UTF8.GetBytes(hostile.Body));
            if (hostile.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
            }
        }

        using var response = await host.Client.SendAsync(request, TestKit.TestTimeout.After(30));

        await ProblemAssert.IsAsync(response, (HttpStatusCode)hostile.Status, hostile.Type);
        Assert.Equal(before, await host.SnapshotAsync());
        using var callerStill = await host.SendAsync(HttpMethod.Get, "api/v1/agents/me", fixture.CallerKey);
        Assert.Equal(HttpStatusCode.OK, callerStill.StatusCode);
    }

    public sealed record HostileCase(string Name, string Method, string Path, string? Bearer, string? ContentType, string? Body, int Status, string Type);

    public sealed class Fixture : IAsyncLifetime
    {
        private TestHost? _host;

        public TestHost Host => _host!;

        public string CallerKey { get; private set; } = string.Empty;

        public string VictimId { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            // Accepted requests of the caller count as heartbeats; a long interval keeps the offline check from changing the
            // snapshot in the middle of a case.
            _host = await TestHost.StartAsync(new Dictionary<string, string> { ["Agents:Liveness:HeartbeatInterval"] = "00:30:00" });
            (_, CallerKey) = await _host.RegisterAsync("hostile-caller", """{"search":0.5}""");
            (VictimId, _) = await _host.RegisterAsync("hostile-victim", """{"search":0.7}""");
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }
    }
}
