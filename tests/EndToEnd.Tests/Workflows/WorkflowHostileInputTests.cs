using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Workflows;

/// <summary>Malformed and hostile requests to every workflow route against the real host process: each gets its own
/// 4xx and problem type (never 5xx), the process stays up, and neither the registered definitions nor the instances
/// change.</summary>
public sealed class WorkflowHostileInputTests(WorkflowHostileInputFixture fixture, ITestOutputHelper output) : IClassFixture<WorkflowHostileInputFixture>
{
    private const string Json = "application/json";
    private const string Yaml = "application/yaml";
    private const string Wait = """{"id":"w","kind":"wait","duration":"1s"}""";

    // Names in braces are expanded by Expand, so large bodies stay out of the test names.
    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["{parens-30000}"] = Condition(new string('(', 30_000) + "true" + new string(')', 30_000)),
        ["{not-40}"] = Condition(string.Concat(Enumerable.Repeat("not ", 40)) + "true"),
        ["{or-20000}"] = Condition(string.Join(" or ", Enumerable.Repeat("true", 20_000))),
        ["{yaml-deep}"] = "id: deep\nsteps: " + new string('[', 50_000) + new string(']', 50_000),
        ["{yaml-laughs}"] = "id: lol\nsteps: []\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
            + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
        ["{yaml-aliases}"] = "id: many\na: &a 1\nb: [" + string.Join(",", Enumerable.Repeat("*a", 101)) + "]\n",
        ["{json-deep}"] = """{"id":"deep","steps":[{"id":"a","kind":"agent_task","agent":"x","input":""" + new string('[', 5_000) + new string(']', 5_000) + "}]}",
        ["{steps-deep}"] = """{"id":"nest","steps":[""" + string.Concat(Enumerable.Range(0, 12).Select(i => $$"""{"id":"c{{i}}","kind":"condition","if":"true","then":[""")) + Wait + new string(']', 1) + string.Concat(Enumerable.Repeat("}]", 12)) + "}",
        ["{too-many-steps}"] = """{"id":"many","steps":[""" + string.Join(",", Enumerable.Range(0, 10_001).Select(i => $$"""{"id":"s{{i}}","kind":"wait","duration":"1s"}""")) + "]}",
        ["{over-1-mib}"] = "{\"id\":\"big\",\"description\":\"" + new string('x', 1_048_577) + "\",\"steps\":[]}",
        ["{long-reference}"] = """{"id":"ref","steps":[{"id":"a","kind":"agent_task","agent":"x","input":"${input""" + string.Concat(Enumerable.Repeat(".a", 300)) + """}"}]}""",
        ["{long-step-id}"] = "{\"id\":\"long\",\"steps\":[{\"id\":\"" + new string('s', 65) + "\",\"kind\":\"wait\",\"duration\":\"1s\"}]}",
        ["{long-id}"] = "{\"id\":\"" + new string('d', 129) + "\",\"steps\":[" + Wait + "]}",
        ["{long-event}"] = new string('e', 129),
        ["{long-reason}"] = "{\"reason\":\"" + new string('r', 2_001) + "\"}",
        ["{deep-body}"] = """{"definition_id":"known","input":""" + new string('[', 40) + new string(']', 40) + "}",
    };

    // {known} is the registered definition, {running} its running instance.
    public static TheoryData<string, string, string, string?, string, int, string, string?> Cases => new()
    {
        { "definition id with a slash", "POST", "definitions", """{"id":"a/b","steps":[""" + Wait + "]}", Json, 400, "validation", "\"id\"" },
        { "definition id dot-dot", "POST", "definitions", """{"id":"..","steps":[""" + Wait + "]}", Json, 400, "validation", "\"id\"" },
        { "definition id with traversal", "POST", "definitions", """{"id":"../../etc","steps":[""" + Wait + "]}", Json, 400, "validation", "\"id\"" },
        { "definition id with a hash", "POST", "definitions", """{"id":"a#b","steps":[""" + Wait + "]}", Json, 400, "validation", "\"id\"" },
        { "definition id with NUL", "POST", "definitions", """{"id":"a\u0000b","steps":[""" + Wait + "]}", Json, 400, "validation", "\"id\"" },
        { "definition id of 129 characters", "POST", "definitions", "{long-id}", Json, 400, "validation", "\"id\"" },
        { "definition id as YAML with a slash", "POST", "definitions", "id: a/b\nsteps: [ { id: w, kind: wait, duration: 1s } ]", Yaml, 400, "validation", "\"id\"" },
        { "condition of 30,000 nested parentheses", "POST", "definitions", "{parens-30000}", Json, 400, "validation", "MaxExpressionDepth" },
        { "condition of 40 nested nots", "POST", "definitions", "{not-40}", Json, 400, "validation", "MaxExpressionDepth" },
        { "condition of 20,000 ors", "POST", "definitions", "{or-20000}", Json, 400, "validation", "MaxExpressionLength" },
        { "YAML nested 50,000 deep", "POST", "definitions", "{yaml-deep}", Yaml, 400, "validation", "MaxNestingDepth" },
        { "YAML billion laughs", "POST", "definitions", "{yaml-laughs}", Yaml, 400, "validation", "MaxNodes" },
        { "YAML 101 aliases", "POST", "definitions", "{yaml-aliases}", Yaml, 400, "validation", "MaxYamlAliases" },
        { "YAML tag", "POST", "definitions", "id: !!str tagged\nsteps: [ { id: w, kind: wait, duration: 1s } ]", Yaml, 400, "validation", "tags" },
        { "YAML custom tag", "POST", "definitions", "id: !exec tagged\nsteps: []", Yaml, 400, "validation", "tags" },
        { "YAML duplicate key", "POST", "definitions", "id: one\nid: two\nsteps: [ { id: w, kind: wait, duration: 1s } ]", Yaml, 400, "validation", "duplicate key" },
        { "YAML alias as key", "POST", "definitions", "id: &k x\n*k : y\nsteps: []", Yaml, 400, "validation", "keys" },
        { "YAML two documents", "POST", "definitions", "id: a\n---\nid: b\n", Yaml, 400, "validation", "one YAML document" },
        { "YAML the scanner chokes on (found by fuzzing)", "POST", "definitions", "id: a\nsteps:\n  - &s { id: x, kind: wait, dur{tion: 1s }\n", Yaml, 400, "validation", "not valid YAML" },
        { "YAML syntax error", "POST", "definitions", "id: [unclosed", Yaml, 400, "validation", "not valid YAML" },
        { "JSON duplicate property", "POST", "definitions", """{"id":"x","id":"y","steps":[""" + Wait + "]}", Json, 400, "validation", "Duplicate" },
        { "JSON nested 5,000 deep", "POST", "definitions", "{json-deep}", Json, 400, "validation", "MaxNestingDepth" },
        { "steps nested 13 deep", "POST", "definitions", "{steps-deep}", Json, 400, "validation", "MaxStepDepth" },
        { "10,001 steps", "POST", "definitions", "{too-many-steps}", Json, 400, "validation", "MaxSteps" },
        { "definition over 1 MiB", "POST", "definitions", "{over-1-mib}", Json, 413, "payload-too-large", "MaxDefinitionBytes" },
        { "reference over 512 characters", "POST", "definitions", "{long-reference}", Json, 400, "validation", "MaxReferenceLength" },
        { "step id of 65 characters", "POST", "definitions", "{long-step-id}", Json, 400, "validation", "1-64 characters" },
        { "agent id with a slash", "POST", "definitions", """{"id":"ag","steps":[{"id":"a","kind":"agent_task","agent":"x/../y"}]}""", Json, 400, "validation", "agent" },
        { "event name with a slash", "POST", "definitions", """{"id":"ev","steps":[{"id":"w","kind":"wait","event":{"name":"a/b"}}]}""", Json, 400, "validation", "event.name" },
        { "version overflow", "POST", "definitions", """{"id":"v","version":1e300,"steps":[""" + Wait + "]}", Json, 400, "validation", "version" },
        { "definition not an object", "POST", "definitions", "[1,2]", Json, 400, "validation", null },
        { "definition empty YAML", "POST", "definitions", "", Yaml, 400, "validation", null },
        { "definition as text/plain", "POST", "definitions", "id: x", "text/plain", 415, "unsupported-media-type", null },
        { "same id and version, other content", "POST", "definitions", """{"id":"known","steps":[""" + Wait + "]}", Json, 409, "conflict", null },
        { "start: unknown definition", "POST", "instances", """{"definition_id":"nope"}""", Json, 404, "not-found", null },
        { "start: definition id with a slash", "POST", "instances", """{"definition_id":"a/b"}""", Json, 400, "validation", "definition_id" },
        { "start: instance id with a slash", "POST", "instances", """{"definition_id":"known","instance_id":"a/b"}""", Json, 400, "validation", "instance_id" },
        { "start: instance id dot-dot", "POST", "instances", """{"definition_id":"known","instance_id":".."}""", Json, 400, "validation", "instance_id" },
        { "start: instance id with a colon", "POST", "instances", """{"definition_id":"known","instance_id":"a:b"}""", Json, 400, "validation", "instance_id" },
        { "start: version zero", "POST", "instances", """{"definition_id":"known","version":0}""", Json, 400, "validation", "version" },
        { "start: version overflow", "POST", "instances", """{"definition_id":"known","version":99999999999}""", Json, 400, "validation", null },
        { "start: existing instance of another definition id", "POST", "instances", """{"definition_id":"nope","instance_id":"known-1"}""", Json, 404, "not-found", null },
        { "start: missing definition id", "POST", "instances", """{"instance_id":"x"}""", Json, 400, "validation", null },
        { "start: unknown field", "POST", "instances", """{"definition_id":"known","surprise":1}""", Json, 400, "validation", null },
        { "start: malformed JSON", "POST", "instances", """{"definition_id":""", Json, 400, "malformed-json", null },
        { "start: nested 40 deep", "POST", "instances", "{deep-body}", Json, 400, "malformed-json", null },
        { "start: text/plain", "POST", "instances", "definition_id=known", "text/plain", 415, "unsupported-media-type", null },
        { "start: wait 31", "POST", "instances?wait=31", """{"definition_id":"known"}""", Json, 400, "validation", "wait" },
        { "start: negative wait", "POST", "instances?wait=-1", """{"definition_id":"known"}""", Json, 400, "validation", "wait" },
        { "start: wait not a number", "POST", "instances?wait=soon", """{"definition_id":"known"}""", Json, 400, "validation", "wait" },
        { "list: unknown status", "GET", "instances?status=sleeping", null, Json, 400, "validation", "status" },
        { "list: numeric status", "GET", "instances?status=1", null, Json, 400, "validation", "status" },
        { "list: comma list of statuses", "GET", "instances?status=Running,Failed", null, Json, 400, "validation", "status" },
        { "list: limit zero", "GET", "instances?limit=0", null, Json, 400, "validation", "limit" },
        { "list: limit 1001", "GET", "instances?limit=1001", null, Json, 400, "validation", "limit" },
        { "get: unknown instance", "GET", "instances/nope", null, Json, 404, "not-found", null },
        { "get: unknown instance, waiting", "GET", "instances/nope?wait=5", null, Json, 404, "not-found", null },
        { "get: invalid instance id, waiting", "GET", "instances/a%3Ab?wait=5", null, Json, 404, "not-found", null },
        { "get: encoded traversal", "GET", "instances/..%2F..%2Fetc", null, Json, 404, "not-found", null },
        { "get: wait 31", "GET", "instances/{running}?wait=31", null, Json, 400, "validation", "wait" },
        { "get: negative wait", "GET", "instances/{running}?wait=-1", null, Json, 400, "validation", "wait" },
        { "get: wait not a number", "GET", "instances/{running}?wait=soon", null, Json, 400, "validation", "wait" },
        { "get definition: unknown", "GET", "definitions/nope", null, Json, 404, "not-found", null },
        { "get definition: encoded slash", "GET", "definitions/a%2Fb", null, Json, 404, "not-found", null },
        { "get definition: version 0", "GET", "definitions/{known}/versions/0", null, Json, 400, "validation", "version" },
        { "get definition: negative version", "GET", "definitions/{known}/versions/-1", null, Json, 400, "validation", "version" },
        { "history: unknown instance", "GET", "instances/nope/history", null, Json, 404, "not-found", null },
        { "history: encoded dot-dot instance", "GET", "instances/%2E%2E%2F/history", null, Json, 404, "not-found", null },
        { "event: name of a space", "POST", "instances/{running}/events/%20", "{}", Json, 400, "validation", "name" },
        { "event: name with an encoded slash", "POST", "instances/{running}/events/a%2Fb", "{}", Json, 400, "validation", "name" },
        { "event: name with a hash", "POST", "instances/{running}/events/a%23b", "{}", Json, 400, "validation", "name" },
        { "event: name with a control character", "POST", "instances/{running}/events/a%01b", "{}", Json, 400, "validation", "name" },
        { "event: name of 129 characters", "POST", "instances/{running}/events/{long-event}", "{}", Json, 400, "validation", "name" },
        { "event: unknown instance", "POST", "instances/nope/events/go", "{}", Json, 404, "not-found", null },
        { "event: malformed payload", "POST", "instances/{running}/events/go", """{"payload":""", Json, 400, "malformed-json", null },
        { "event: unknown field", "POST", "instances/{running}/events/go", """{"payload":1,"extra":2}""", Json, 400, "validation", null },
        { "event: text/plain", "POST", "instances/{running}/events/go", "go", "text/plain", 415, "unsupported-media-type", null },
        { "terminate: unknown instance", "POST", "instances/nope/terminate", "{}", Json, 404, "not-found", null },
        { "terminate: reason of wrong type", "POST", "instances/{running}/terminate", """{"reason":5}""", Json, 400, "validation", null },
        { "terminate: reason over 2,000 characters", "POST", "instances/{running}/terminate", "{long-reason}", Json, 400, "validation", "reason" },
        { "terminate: JSON array", "POST", "instances/{running}/terminate", "[]", Json, 400, "validation", null },
        { "purge: running instance", "DELETE", "instances/{running}", null, Json, 409, "conflict", null },
        { "purge: unknown instance", "DELETE", "instances/nope", null, Json, 404, "not-found", null },
        { "purge: encoded traversal", "DELETE", "instances/a%2F..%2Fb", null, Json, 404, "not-found", null },
        { "purge finished: running status", "POST", "instances/purge", """{"statuses":["running"]}""", Json, 400, "validation", "statuses" },
        { "purge finished: unknown status", "POST", "instances/purge", """{"statuses":["sleeping"]}""", Json, 400, "validation", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_gets_a_4xx_problem_and_changes_nothing(
        string name, string method, string path, string? body, string contentType, int status, string problemType, string? mentions)
    {
        var timeout = TestTimeout.After(60);
        var before = await SnapshotAsync(timeout);

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("api/v1/workflows/" + Expand(path), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(Expand(body), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await fixture.Client.SendAsync(request, timeout);
        var text = await response.Content.ReadAsStringAsync(timeout);
        output.WriteLine($"{name}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 400)]}");

        Assert.True(fixture.Host.IsRunning, "the host process died");
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"https://agent-platform.dev/problems/{problemType}", JsonNode.Parse(text)!["type"]!.GetValue<string>());
        if (mentions is not null)
        {
            Assert.Contains(mentions, text, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync(timeout));
    }

    [Theory]
    [InlineData("GET", "definitions", null)]
    [InlineData("POST", "definitions", "Bearer not-the-operator-token")]
    [InlineData("POST", "instances/{running}/terminate", "Basic dXNlcjpwYXNz")]
    [InlineData("DELETE", "instances/{running}", "Bearer ")]
    public async Task Calls_without_the_operator_token_are_unauthorized(string method, string path, string? authorization)
    {
        var timeout = TestTimeout.After(30);
        var before = await SnapshotAsync(timeout);
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("api/v1/workflows/" + Expand(path), UriKind.Relative));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request, timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(timeout));
    }

    [Fact]
    public async Task A_plan_of_5000_chained_steps_fits_the_default_limits()
    {
        var timeout = TestTimeout.After(60);
        var steps = Enumerable.Range(0, 5_000).Select(i => i == 0
            ? """{"id":"s0","kind":"agent_task","agent":"planner","input":{"item":0}}"""
            : $$$"""{"id":"s{{{i}}}","kind":"agent_task","agent":"planner","input":{"item":{{{i}}},"previous":"${steps.s{{{i - 1}}}.output}"}}""");
        using var content = new StringContent($$"""{"id":"plan-5000","steps":[{{string.Join(",", steps)}}]}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(Json);

        using var response = await fixture.Client.PostAsync(new Uri("api/v1/workflows/definitions", UriKind.Relative), content, timeout);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static string Condition(string expression) =>
        $$"""{"id":"cond","steps":[{"id":"gate","kind":"condition","if":{{System.Text.Json.JsonSerializer.Serialize(expression)}},"then":[{{Wait}}]}]}""";

    private static string Expand(string text)
    {
        if (Bodies.TryGetValue(text, out var body))
        {
            return body;
        }

        foreach (var (name, value) in Bodies)
        {
            text = text.Replace(name, value, StringComparison.Ordinal);
        }

        return text.Replace("{known}", "known", StringComparison.Ordinal).Replace("{running}", "known-1", StringComparison.Ordinal);
    }

    /// <summary>Everything a workflow request could change, read back through the API.</summary>
    private async Task<string> SnapshotAsync(CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        foreach (var path in new[] { "definitions", "definitions/known", "instances?limit=1000", "instances/known-1", "instances/known-1/history" })
        {
            using var response = await fixture.Client.GetAsync(new Uri("api/v1/workflows/" + path, UriKind.Relative), cancellationToken);
            parts.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return string.Join("\n", parts);
    }
}
