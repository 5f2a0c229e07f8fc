using System.Runtime.InteropServices;
using AgentPlatform.Client;
using AgentPlatform.Client.Errors;
using AgentPlatform.Client.Loop;
using AgentPlatform.Grpc.V1;
using AgentPlatform.Samples.DotnetAgent;

// Settings from the environment: the host's gRPC address, this agent's name and the channel it greets.
var address = new Uri(Environment.GetEnvironmentVariable("PLATFORM_GRPC_URL") ?? "http://127.0.0.1:5081");
var name = Environment.GetEnvironmentVariable("AGENT_NAME") ?? "dotnet-agent";
var channelId = Environment.GetEnvironmentVariable("AGENT_CHANNEL") ?? "lobby";

using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

using var client = AgentPlatformClient.Create(address);
var registered = await client.RegisterAsync(
    new RegisterRequest { Name = name, Description = "Counts words (the .NET sample agent)", Capabilities = { [WordCounter.Capability] = 0.9 } },
    stop.Token);
var me = registered.Agent.Id;
Console.WriteLine($"registered {me}");

try
{
    await client.CreateChannelAsync(channelId, channelId, cancellationToken: stop.Token);
}
catch (AgentPlatformConflictException)
{
    // Someone created it first; joining is enough.
}

await client.JoinChannelAsync(channelId, stop.Token);
Console.WriteLine($"joined {channelId}");
await client.PostAsync(channelId, $"Hello from {name}, I count words.", cancellationToken: stop.Token);

var loop = new AgentLoop(client, new AgentLoopOptions
{
    HandleTask = WordCounter.HandleAsync,
    HandleMessage = (delivery, _) =>
    {
        if (delivery.Message.Kind is MessageKind.Post or MessageKind.Direct && delivery.Message.SenderId != me)
        {
            Console.WriteLine($"heard {delivery.Message.SenderId}: {delivery.Message.Content}");
        }

        return Task.CompletedTask;
    },
    HandleRequest = (request, _) => Task.FromResult($"{name} is here; ask me to count words."),
});
await loop.RunAsync(stop.Token);
Console.WriteLine("stopped");
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
