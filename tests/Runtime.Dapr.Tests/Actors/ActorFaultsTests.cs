using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr.Actors;

namespace AgentPlatform.Runtime.Dapr.Tests.Actors;

public sealed class ActorFaultsTests
{
    private static readonly ActorId Actor = ActorId.Create("channel", "lobby");

    [Fact]
    public void Platform_actor_exceptions_come_back_with_their_detail()
    {
        var missing = Assert.IsType<ActorMethodNotFoundException>(RoundTrip(new ActorMethodNotFoundException(Actor, "poke")));
        var unknown = Assert.IsType<ActorTypeNotRegisteredException>(RoundTrip(new ActorTypeNotRegisteredException("ghost")));

        Assert.Equal(("poke", Actor), (missing.Method, missing.Actor));
        Assert.Equal("ghost", unknown.ActorType);
    }

    [Fact]
    public void Argument_errors_keep_their_type_message_and_parameter()
    {
        var argument = Assert.IsType<ArgumentException>(RoundTrip(new ArgumentException("bad limit", "limit")));
        var range = Assert.IsType<ArgumentOutOfRangeException>(RoundTrip(new ArgumentOutOfRangeException("wait", "too long")));
        var missing = Assert.IsType<ArgumentNullException>(RoundTrip(new ArgumentNullException("body")));

        Assert.Equal(new ArgumentException("bad limit", "limit").Message, argument.Message);
        Assert.Equal(("wait", new ArgumentOutOfRangeException("wait", "too long").Message), (range.ParamName, range.Message));
        Assert.Equal("body", missing.ParamName);
    }

    [Fact]
    public void Common_exceptions_keep_their_type_and_message_and_others_name_their_type()
    {
        var invalid = Assert.IsType<InvalidOperationException>(RoundTrip(new InvalidOperationException("refused 2")));
        var format = Assert.IsType<FormatException>(RoundTrip(new FormatException("not a cursor")));
        var other = Assert.IsType<InvalidOperationException>(RoundTrip(new DivideByZeroException("zero")));

        Assert.Equal("refused 2", invalid.Message);
        Assert.Equal("not a cursor", format.Message);
        Assert.Equal("System.DivideByZeroException: zero", other.Message);
    }

    private static Exception RoundTrip(Exception error)
    {
        var wire = JsonSerializer.Serialize(new ActorResponse(null, ActorFaults.From(error)), ActorJson.Options);
        var fault = JsonSerializer.Deserialize<ActorResponse>(wire, ActorJson.Options)!.Fault!;
        return ActorFaults.ToException(fault, Actor);
    }
}
