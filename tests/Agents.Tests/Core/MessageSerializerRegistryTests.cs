using System.Text;
using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.State;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Core;

/// <summary>Wire names for message types, independent of CLR names, with envelopes stored under CLR names still understood.</summary>
public sealed class MessageSerializerRegistryTests : IDisposable
{
    private static readonly AgentId Silent = AgentId.Create("silent", "s1");
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "agents-registry-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Registered_types_travel_under_their_wire_name_and_are_read_back_by_it_or_an_alias()
    {
        await using var host = await ParityHost.StartAsync(agents => agents.AddMessageType<Order>("shop.order", "shop.order.v1"));
        await using var published = await PublishedEvents<AgentEnvelope>.SubscribeAsync(host.PubSub, AgentRuntime.MessagesTopic, "shop.order");

        await host.Agents.PublishMessageAsync(new Order("tea", 1), TopicId.Create("orders", "o1"), cancellationToken: TestTimeout.After());
        var envelope = await published.NextAsync();
        var fromPython = await SendRawAsync(host, "shop.order", """{"item":"scones","quantity":4}""");
        var underAlias = await SendRawAsync(host, "shop.order.v1", """{"item":"jam","quantity":1}""");

        Assert.Equal("shop.order", envelope.MessageType);
        Assert.Equal("shop.order", host.Agents.Serializers.NameOf(typeof(Order)));
        Assert.Equal(typeof(Question).FullName, host.Agents.Serializers.NameOf(typeof(Question)));
        Assert.Equal("scones", fromPython);
        Assert.Equal("jam", underAlias);
    }

    [Fact]
    public void A_name_cannot_stand_for_two_types()
    {
        var registry = new MessageSerializerRegistry([new MessageTypeRegistration(typeof(Order), "shop.order")]);

        Assert.Throws<ArgumentException>(() => registry.Add(new MessageTypeRegistration(typeof(Question), "shop.order")));
        Assert.Throws<ArgumentException>(() => registry.Add(new MessageTypeRegistration(typeof(Order), "shop.order.v2")));
        Assert.Throws<ArgumentException>(() => new MessageTypeRegistration(typeof(Order), " "));
    }

    [Fact]
    public async Task Envelopes_stored_under_clr_names_are_delivered_after_the_type_gets_a_wire_name()
    {
        const string StoredKey = "outbox/1";
        await using (var before = await AgentTestHost.StartAsync(Register(registerWireName: false), dataDirectory: _dataDirectory))
        {
            var stored = JsonSerializer.SerializeToUtf8Bytes(new AgentEnvelope
            {
                Id = "stored-1",
                MessageType = before.Agents.Serializers.NameOf(typeof(Order)),
                Message = new Order("biscuits", 12),
            });
            await before.Get<IStateStore>().SetAsync(StoredKey, stored, cancellationToken: TestTimeout.After());
        }

        Assert.True(File.Exists(Path.Combine(_dataDirectory, AgentPlatform.Runtime.Embedded.EmbeddedRuntimeOptions.DatabaseFileName)));
        await using var after = await AgentTestHost.StartAsync(Register(registerWireName: true), dataDirectory: _dataDirectory);
        var entry = await after.Get<IStateStore>().GetAsync(StoredKey, TestTimeout.After());
        var envelope = JsonDocument.Parse(entry!.Value).RootElement;

        var handledBy = await after.Actors.InvokeAsync<JsonElement, object?>(Silent.ToActorId(), BaseAgent.RpcMethod, envelope, TestTimeout.After());

        Assert.Equal(typeof(Order).FullName, envelope.GetProperty("messageType").GetString());
        Assert.Equal("biscuits", handledBy);
        Assert.Equal("shop.order", after.Agents.Serializers.NameOf(typeof(Order)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> Register(bool registerWireName) => services =>
        Microsoft.Extensions.DependencyInjection.AgentsServiceCollectionExtensions.AddAgents(services, agents =>
        {
            agents.AddAgent<SilentAgent>("silent");
            if (registerWireName)
            {
                agents.AddMessageType<Order>("shop.order");
            }
        });

    private static async Task<object?> SendRawAsync(AgentTestHost host, string messageType, string message)
    {
        var envelope = JsonSerializer.SerializeToElement(new
        {
            id = Guid.NewGuid().ToString("N"),
            messageType,
            message = JsonDocument.Parse(Encoding.UTF8.GetBytes(message)).RootElement,
        });
        return await host.Actors.InvokeAsync<JsonElement, object?>(Silent.ToActorId(), BaseAgent.RpcMethod, envelope, TestTimeout.After());
    }
}
