using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>A sample agent (<c>python3</c> or <c>node</c>) running in <c>--take-tasks</c> mode as a child process: its JSON lines
/// are collected as they come, so a test can wait for a task to start, kill the process mid-task, or read the exit summary.</summary>
internal sealed class TaskAgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ITestOutputHelper _output;
    private readonly string _label;
    private readonly List<JsonObject> _lines = [];
    private readonly TaskCompletionSource<JsonObject> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskAgentProcess(Process process, ITestOutputHelper output, string label)
    {
        _process = process;
        _output = output;
        _label = label;
    }

    /// <summary>The first <c>task_started</c> line: the task id and the agent id.</summary>
    public Task<JsonObject> FirstTaskStarted => _started.Task;

    public static TaskAgentProcess Start(
        string program, string script, HostProcess host, string name, string capabilities, double workSeconds, int maxTasks, ITestOutputHelper output,
        string? role = null)
    {
        var start = ScriptProcess.StartInfo(program, script, [
            "--take-tasks", "--name", name, "--capabilities", capabilities, "--work-seconds", workSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-tasks", maxTasks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "90", "--wait", "1", "--heartbeat-interval", "1",
            .. role is null ? Array.Empty<string>() : ["--role", role],
        ]);
        start.Environment["HOST_URL"] = host.BaseAddress.ToString().TrimEnd('/');
        var process = new Process { StartInfo = start };
        var agent = new TaskAgentProcess(process, output, $"{program} {name}");
        process.OutputDataReceived += (_, e) => agent.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => agent.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>Waits for the process to exit and returns its summary (the last JSON line).</summary>
    public async Task<(int ExitCode, JsonObject Summary)> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        lock (_lines)
        {
            Assert.NotEmpty(_lines);
            return (_process.ExitCode, _lines[^1]);
        }
    }

    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        Write("killed");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Write(line);
        if (!line.StartsWith('{'))
        {
            return;
        }

        var json = JsonNode.Parse(line)!.AsObject();
        lock (_lines)
        {
            _lines.Add(json);
        }

        if (json["event"]?.GetValue<string>() == "task_started")
        {
            _started.TrySetResult(json);
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            _output.WriteLine($"[{_label}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; xunit no longer takes output.
        }
    }
}
