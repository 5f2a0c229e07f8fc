using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace AgentPlatform.TestKit;

/// <summary>The real AgentHost started as a child process on a free 127.0.0.1 port, for end-to-end and crash tests.</summary>
/// <remarks>The data directory outlives the process, so a test can <see cref="KillAsync"/> the host hard and
/// <see cref="StartAsync"/> it again over the same files. Disposing kills the process and deletes the directory.</remarks>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly ITestOutputHelper? _output;
    private readonly Dictionary<string, string> _environment;
    private readonly string _hostAssembly;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private HostProcess(ITestOutputHelper? output, string dataDirectory, IReadOnlyDictionary<string, string>? environment, string hostAssembly)
    {
        _output = output;
        _hostAssembly = hostAssembly;
        DataDirectory = dataDirectory;
        _environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
    }

    /// <summary>Where the host keeps its SQLite file; kept across restarts.</summary>
    public string DataDirectory { get; }

    /// <summary>The loopback port the host listens on; kept across restarts.</summary>
    public int Port { get; }

    /// <summary>The host's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Everything the host wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>True while the child process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The CPU time the running process has used so far, all threads together.</summary>
    public TimeSpan ProcessorTime => _process is { HasExited: false } process
        ? process.TotalProcessorTime
        : throw new InvalidOperationException("The host is not running.");

    /// <summary>Prepares a host with a fresh data directory and a chosen port without starting it, for a test that must hand
    /// the port to something else first (a sidecar); start it with <see cref="StartAsync"/>.</summary>
    public static HostProcess Create(
        ITestOutputHelper? output = null, IReadOnlyDictionary<string, string>? environment = null, string? hostAssembly = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "agent-platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        return new HostProcess(output, dataDirectory, environment, hostAssembly ?? RepositoryPaths.HostAssembly);
    }

    /// <summary>Starts a host with a fresh data directory and waits until <c>/healthz</c> answers.</summary>
    /// <param name="output">Receives the host's log lines.</param>
    /// <param name="environment">Extra environment variables (configuration keys use <c>__</c> as separator).</param>
    /// <param name="cancellationToken">Bounds the wait for readiness.</param>
    public static Task<HostProcess> StartNewAsync(
        ITestOutputHelper? output = null, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
        => StartNewAsync(RepositoryPaths.HostAssembly, output, environment, cancellationToken);

    /// <summary>Starts another host built on the platform (a sample that adds its own agents) like the platform host.</summary>
    /// <param name="hostAssembly">The built assembly to run with <c>dotnet</c>.</param>
    /// <param name="output">Receives the host's log lines.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="cancellationToken">Bounds the wait for readiness.</param>
    public static async Task<HostProcess> StartNewAsync(
        string hostAssembly, ITestOutputHelper? output, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var host = Create(output, environment, hostAssembly);
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>Sets an environment variable for the next <see cref="StartAsync"/>.</summary>
    public void SetEnvironment(string name, string value) => _environment[name] = value;

    /// <summary>Creates an HTTP client for the host.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Starts (or restarts) the process over the same data directory and waits for <c>/healthz</c>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The host is already running.");
        }

        var hostAssembly = _hostAssembly;
        if (!File.Exists(hostAssembly))
        {
            throw new FileNotFoundException($"Build the host first: {hostAssembly} is missing.", hostAssembly);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        start.ArgumentList.Add(hostAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        start.Environment["Runtime__DataDirectory"] = DataDirectory;
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        await WaitUntilHealthyAsync(cancellationToken);
    }

    /// <summary>Kills the process hard (SIGKILL, no graceful shutdown) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the temp folder is cleaned by the OS later.
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process is null || _process.HasExited)
            {
                await WaitForOutputToDrainAsync();
                throw new InvalidOperationException($"The host exited during start-up:{Environment.NewLine}{Log}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A probe timed out; try again.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The host did not become healthy within 60 s:{Environment.NewLine}{Log}");
    }

    /// <summary>Waits until the exited process's stdout and stderr have been read to the end: <c>HasExited</c> turns true
    /// before the asynchronous readers have handed over the last lines, which hold the reason it stopped.</summary>
    private async Task WaitForOutputToDrainAsync()
    {
        if (_process is not null)
        {
            using var drained = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(drained.Token);
            }
            catch (OperationCanceledException)
            {
                // A grandchild still holds the pipes open; report what arrived.
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        try
        {
            _output?.WriteLine($"[host:{Port}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test finished; xunit no longer accepts output.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
