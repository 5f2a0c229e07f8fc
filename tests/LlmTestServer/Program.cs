using System.Globalization;
using System.Runtime.InteropServices;
using AgentPlatform.TestKit.Llm;

// Usage: LlmTestServer [--port N] [--latency-ms N] [--max-latency-ms N] [--rps N] [--burst N] [--per-key] [--omit-usage]
//                      [--planner-model NAME] [--fail-key KEY]...
// Prints "listening <base url>" once ready and runs until stdin closes, Ctrl+C or SIGTERM; then prints its counts and exits 0.
// A line "counts" on stdin prints the counts so far (the same line) and keeps running.
// It keeps counts only, no request records, so a long benchmark neither grows it nor spends its CPU on them.
var script = new TestLlmScript { MaxRecordedRequests = 0 };
var port = 0;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port":
            port = Number(args, ++i);
            break;
        case "--latency-ms":
            script.Latency = TimeSpan.FromMilliseconds(Number(args, ++i));
            break;
        case "--max-latency-ms":
            script.MaxLatency = TimeSpan.FromMilliseconds(Number(args, ++i));
            break;
        case "--rps":
            script.RequestsPerSecond = Number(args, ++i);
            break;
        case "--burst":
            script.Burst = Number(args, ++i);
            break;
        case "--per-key":
            script.PerKeyLimit = true;
            break;
        case "--omit-usage":
            script.OmitUsage = true;
            break;
        case "--planner-model":
            script.PlannerModel = Text(args, ++i);
            break;
        case "--fail-key":
            script.FailKey(Text(args, ++i));
            break;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'.");
            return 2;
    }
}

await using var server = await TestLlmServer.StartAsync(script, port);
Console.WriteLine($"listening {server.BaseUrl}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// The web host's own SIGTERM handling only stops the web host; this ends the wait below so the counts are printed.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
var stdinClosed = Task.Run(
    () =>
    {
        while (Console.ReadLine() is { } command)
        {
            if (command.Trim() == "counts")
            {
                PrintCounts(server);
            }
        }
    },
    CancellationToken.None);
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
PrintCounts(server);
return 0;

static void PrintCounts(TestLlmServer server) =>
    Console.WriteLine($"requests {server.RequestCount} rate-limited {server.RateLimitedCount} max-in-flight {server.MaxInFlight}");

static int Number(string[] args, int index) =>
    index < args.Length && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
        ? value
        : throw new ArgumentException($"Option '{args[index - 1]}' needs a whole number of at least 0.");

static string Text(string[] args, int index) =>
    index < args.Length ? args[index] : throw new ArgumentException($"Option '{args[index - 1]}' needs a value.");
