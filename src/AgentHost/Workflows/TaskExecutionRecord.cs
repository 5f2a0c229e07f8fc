using System.Globalization;
using System.Text;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>The built-in agents' side record: an append-only file with one line per task execution,
/// <c>{UTC time, round-trip format} {task id}</c>, flushed to disk before the agent reports its result.</summary>
/// <remarks>Because a line is durable before the completion can be recorded in the history, a line whose time is later
/// than the task's <c>task_completed</c> event means the task ran again after its completion was recorded.</remarks>
public sealed class TaskExecutionRecord : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private readonly TimeProvider _time;

    public TaskExecutionRecord(string path, TimeProvider time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _time = time;
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (_file.Length > 0)
        {
            // A kill can tear the last line; start on a fresh line so the torn one stays isolated (and unparseable).
            _file.Seek(-1, SeekOrigin.End);
            var last = _file.ReadByte();
            if (last != '\n')
            {
                _file.Write("\n"u8);
                _file.Flush(flushToDisk: true);
            }
        }

        _file.Seek(0, SeekOrigin.End);
    }

    /// <summary>Appends one execution of <paramref name="taskId"/> and flushes it to disk.</summary>
    public void Append(string taskId)
    {
        lock (_gate)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow():O} {taskId}\n");
            _file.Write(Encoding.UTF8.GetBytes(line));
            _file.Flush(flushToDisk: true);
        }
    }

    public void Dispose() => _file.Dispose();
}
