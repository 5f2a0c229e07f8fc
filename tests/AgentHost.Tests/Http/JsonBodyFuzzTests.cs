using System.Reflection;
using System.Text;
using AgentPlatform.AgentHost.Endpoints;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.TestKit;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace AgentPlatform.AgentHost.Tests.Http;

/// <summary>Property-based fuzzing of <see cref="JsonBody"/> with every request record the routes declare
/// (<c>Accepts&lt;T&gt;</c>) and of <see cref="JsonBody.ReadObjectAsync"/> with the PATCH reader behind it: whatever the
/// bytes, Content-Type and framing, the outcome is a value or a 400/413/415 problem, never an exception or a stack
/// overflow (which would end the test process). Iterations are bounded for CI; set <c>FUZZ_SECONDS</c> for a longer run.</summary>
[Trait("Category", "Fuzz")]
public sealed class JsonBodyFuzzTests(HostFixture fixture, ITestOutputHelper output) : IClassFixture<HostFixture>
{
    private static readonly string[] Seeds =
    [
        """{"name":"planner","description":"plans","emoji":"🧭","capabilities":{"planning":0.9,"search":0}}""",
        """{"status":"busy"}""",
        """{"id":"lobby","name":"Lobby","description":null}""",
        """{"content":"hello","title":"t","priority":"high"}""",
        """{"circle_id":"lobby","title":"t","content":"c","priority":"low"}""",
        """{"delivery_ids":["lobby:1","dm:2"]}""",
        """{"definition_id":"known","version":2,"instance_id":"known-1","input":{"a":[1,2,{"b":null}]}}""",
        """{"payload":{"approved":true}}""",
        """{"reason":"stop"}""",
        """{"statuses":["completed","failed","terminated"]}""",
        """{"id":"w","version":1,"steps":[{"id":"a","kind":"wait","duration":"1s"}]}""",
    ];

    private static readonly int[] ProblemStatuses = [400, 413, 415];

    private static readonly Gen<string> ContentTypes = Gen.OneOf<string>(
        "application/json", "application/json; charset=utf-8", "application/problem+json", "text/json", "application/vnd.x+json",
        "text/plain", "application/xml", "", "application/json; charset=utf-16", "multipart/form-data; boundary=x", ";;;", "application/");

    private static readonly Gen<byte[]> Bodies = Gen.Frequency(
        (5, Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, 40], Gen.Char["{}[]\":,\\ 0123456789.eE+-truefalsnl\u0000\u00e9\ud83d"], Gen.Int[1, 2_000]).Array[0, 8])
            .Select((seed, edits) => Encoding.UTF8.GetBytes(Mutate(Seeds[seed], edits)))),
        (1, Gen.Byte.Array[0, 512]),
        (1, Gen.Int[1, 20_000].Select(depth => Encoding.UTF8.GetBytes("{\"a\":" + new string('[', depth) + new string(']', depth) + "}"))),
        (1, Gen.Int[60_000, 70_000].Select(length => Encoding.UTF8.GetBytes("{\"content\":\"" + new string('x', length) + "\"}"))));

    [Fact]
    public void Every_declared_request_record_reads_to_a_value_or_a_problem()
    {
        var types = RequestTypes();
        Assert.Contains(typeof(AgentRegistrationRequest), types);
        var services = fixture.Host.Services;
        Gen.Select(Gen.Int[0, types.Count - 1], Bodies, ContentTypes, Gen.Int[0, 3], Gen.Bool).Sample(
            (type, body, contentType, framing, required) =>
            {
                var context = Request(services, body, contentType, framing);
                var read = typeof(JsonBodyFuzzTests).GetMethod(nameof(ReadAsAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(types[type]);
                var outcome = ((Task<(bool Present, ApiProblem? Problem)>)read.Invoke(null, [context, required])!).GetAwaiter().GetResult();
                Check(outcome.Present, outcome.Problem, body.Length, required);
            },
            writeLine: output.WriteLine,
            iter: FuzzBudget.Iterations(4_000),
            time: FuzzBudget.Seconds);
    }

    [Fact]
    public void A_patch_body_reads_to_an_update_or_a_problem()
    {
        var services = fixture.Host.Services;
        Gen.Select(Bodies, ContentTypes, Gen.Int[0, 3], Gen.Bool).Sample(
            (body, contentType, framing, required) =>
            {
                var result = JsonBody.ReadObjectAsync(Request(services, body, contentType, framing), required).AsTask().GetAwaiter().GetResult();
                using (var document = result.Value)
                {
                    if (document is not null)
                    {
                        var errors = new List<FieldError>();
                        var update = AgentProfilePatch.Read(document.RootElement, Liveness(services), errors);
                        Assert.True(update is not null || errors.Count > 0, "a PATCH body was neither an update nor a list of errors");
                    }
                }

                Check(result.IsPresent, result.Problem, body.Length, required);
            },
            writeLine: output.WriteLine,
            iter: FuzzBudget.Iterations(4_000),
            time: FuzzBudget.Seconds);
    }

    private static AgentLivenessOptions Liveness(IServiceProvider services) =>
        services.GetRequiredService<IOptions<AgentLivenessOptions>>().Value;

    private static async Task<(bool Present, ApiProblem? Problem)> ReadAsAsync<T>(HttpContext context, bool required)
    {
        var result = await JsonBody.ReadAsync<T>(context, required);
        Assert.True(!result.IsPresent || result.Value is not null, "a present body without a value");
        return (result.IsPresent, result.Problem);
    }

    private static void Check(bool present, ApiProblem? problem, int length, bool required)
    {
        if (problem is not null)
        {
            Assert.False(present);
            Assert.Contains(problem.StatusCode, ProblemStatuses);
            Assert.StartsWith(ProblemTypes.Base, problem.Type, StringComparison.Ordinal);
        }
        else if (!present)
        {
            Assert.False(required, "a required body was absent without a problem");
            Assert.True(length == 0, "a non-empty body was read as absent");
        }
    }

    /// <summary>The request types every route declares with <c>Accepts&lt;T&gt;</c>, read from the host's endpoints.</summary>
    private List<Type> RequestTypes() =>
    [
        .. fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAcceptsMetadata>())
            .Select(a => a.RequestType)
            .OfType<Type>()
            .Distinct(),
    ];

    /// <summary>A request with <paramref name="body"/>; <paramref name="framing"/>: 0 exact Content-Length, 1 chunked
    /// (no length), 2 a length that is too small, 3 one that is too large.</summary>
    private static DefaultHttpContext Request(IServiceProvider services, byte[] body, string contentType, int framing)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        if (contentType.Length > 0)
        {
            context.Request.ContentType = contentType;
        }

        context.Request.Body = new MemoryStream(body);
        switch (framing)
        {
            case 0:
                context.Request.ContentLength = body.Length;
                break;
            case 1:
                context.Request.Headers.TransferEncoding = "chunked";
                break;
            case 2:
                context.Request.ContentLength = Math.Max(1, body.Length / 2);
                break;
            default:
                context.Request.ContentLength = body.Length + 100_000;
                break;
        }

        return context;
    }

    private static string Mutate(string seed, (int Kind, int Position, int Length, char Char, int Times)[] edits) =>
        TextMutations.Apply(seed, edits, 100_000);
}
