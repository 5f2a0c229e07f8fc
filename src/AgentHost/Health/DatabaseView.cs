using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Health;

/// <summary>The SQLite file: sizes, last checkpoint (the main file's write time: in WAL mode only checkpoints write it) and backups.</summary>
public sealed record DatabaseView(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("wal_bytes")] long WalBytes,
    [property: JsonPropertyName("last_checkpoint")] DateTimeOffset? LastCheckpoint,
    [property: JsonPropertyName("last_backup")] DateTimeOffset? LastBackup,
    [property: JsonPropertyName("backups")] int Backups,
    [property: JsonPropertyName("backup_directory")] string BackupDirectory);
