using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Actors;

public sealed class ActorPayloadTests
{
    [Fact]
    public void An_object_of_the_requested_type_is_handed_over_as_is()
    {
        var record = new ContractRecord("r", [1]);

        Assert.Same(record, ActorPayload.Read<ContractRecord>(record, "m"));
        Assert.Equal(3, ActorPayload.Read<int>(3, "m"));
    }

    [Fact]
    public void Json_is_read_with_the_actor_json_options()
    {
        var json = JsonSerializer.SerializeToElement(new ContractRecord("r", [1, 2], "n"), ActorJson.Options);
        var camelCase = JsonSerializer.SerializeToElement(new { Sum = 4 }, ActorJson.Options);

        Assert.Equal(new ContractRecord("r", [1, 2], "n"), ActorPayload.Read<ContractRecord>(new ActorCall("m", json)));
        Assert.Equal("sum", camelCase.EnumerateObject().Single().Name);
    }

    [Fact]
    public void Null_reads_as_null_only_where_the_type_allows_it()
    {
        var jsonNull = JsonSerializer.SerializeToElement<object?>(null);

        Assert.Null(ActorPayload.Read<ContractRecord?>(null, "m"));
        Assert.Null(ActorPayload.Read<int?>(jsonNull, "m"));
        Assert.Contains("'m'", Assert.Throws<ArgumentException>(() => ActorPayload.Read<int>(null, "m")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ActorPayload.Read<int>(jsonNull, "m"));
    }

    [Fact]
    public void Anything_else_is_an_argument_error_naming_the_method()
    {
        var error = Assert.Throws<ArgumentException>(() => ActorPayload.Read<ContractRecord>("text", "echo"));
        var badJson = Assert.Throws<ArgumentException>(() => ActorPayload.Read<ContractRecord>(JsonSerializer.SerializeToElement(5), "echo"));

        Assert.Contains("'echo'", error.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(badJson.InnerException);
    }

    [Fact]
    public async Task The_embedded_runtime_reads_a_json_result_into_the_requested_type()
    {
        var json = JsonSerializer.SerializeToElement(new ContractRecord("from json", [7]), ActorJson.Options);
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("remote", new FakeActorBehavior
        {
            Invoke = (_, _, _) => ValueTask.FromResult<object?>(json),
        }));

        var result = await fixture.Runtime.InvokeAsync<ContractRecord>(ActorId.Create("remote", "1"), "get", TestTimeout.After());

        Assert.Equal(new ContractRecord("from json", [7]), result);
    }
}
