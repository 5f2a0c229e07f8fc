using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace AgentPlatform.Api.Grpc.Tests;

/// <summary>The protos are a published contract: the compiled descriptors are compared with the committed baseline
/// (<c>protos/baseline/agentplatform.v1.json</c>), and a breaking change fails. Set <c>UPDATE_PROTO_BASELINE=1</c> to
/// record an additive change in the baseline.</summary>
public sealed class ProtoCompatibilityTests
{
    private static readonly string BaselinePath = Path.Combine(RepositoryPaths.Root, "protos", "baseline", "agentplatform.v1.json");

    [Fact]
    public void The_compiled_protos_break_nothing_in_the_baseline_and_the_baseline_records_them()
    {
        var current = Current();
        if (Environment.GetEnvironmentVariable("UPDATE_PROTO_BASELINE") == "1")
        {
            Assert.Empty(File.Exists(BaselinePath) ? ProtoCompatibility.BreakingChanges(Baseline(), current) : []);
            Directory.CreateDirectory(Path.GetDirectoryName(BaselinePath)!);
            File.WriteAllText(BaselinePath, new JsonFormatter(JsonFormatter.Settings.Default.WithIndentation()).Format(current) + "\n");
        }

        var baseline = Baseline();
        var breaking = ProtoCompatibility.BreakingChanges(baseline, current);
        Assert.True(breaking.Count == 0, "Breaking changes to the published protos:\n" + string.Join("\n", breaking));
        Assert.True(baseline.Equals(current), "The protos changed compatibly; record them with UPDATE_PROTO_BASELINE=1 and commit the baseline.");
    }

    [Fact]
    public void Renumbering_retyping_renaming_or_removing_a_field_value_or_method_is_reported()
    {
        var baseline = Baseline();
        var changed = baseline.Clone();
        var post = Message(changed, "PostMessageRequest");
        post.Field.Single(f => f.Name == "content").Number = 20;
        post.Field.Single(f => f.Name == "priority").Type = FieldDescriptorProto.Types.Type.String;
        post.Field.Single(f => f.Name == "priority").TypeName = string.Empty;
        Message(changed, "Delivery").Field.Single(f => f.Name == "attempt").Name = "tries";
        var register = Message(changed, "RegisterRequest");
        register.Field.Remove(register.Field.Single(f => f.Name == "emoji"));
        changed.File.Single(f => f.Name.EndsWith("messages.proto", StringComparison.Ordinal)).EnumType.Single(e => e.Name == "Priority").Value.RemoveAt(3);
        var inbox = changed.File.SelectMany(f => f.Service).Single(s => s.Name == "InboxService");
        inbox.Method.Single(m => m.Name == "Subscribe").ServerStreaming = false;

        var problems = ProtoCompatibility.BreakingChanges(baseline, changed);

        Assert.Contains(problems, p => p.Contains("PostMessageRequest.content (field 2) was removed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PostMessageRequest.priority changed type", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Delivery field 2 was renamed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RegisterRequest.emoji (field 3) was removed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Priority.PRIORITY_LOW = 3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("InboxService.Subscribe changed", StringComparison.Ordinal));
        Assert.Empty(ProtoCompatibility.BreakingChanges(baseline, Current()));
    }

    [Fact]
    public void Removing_a_field_whose_number_is_reserved_is_not_breaking()
    {
        var baseline = Baseline();
        var changed = baseline.Clone();
        var register = Message(changed, "RegisterRequest");
        var emoji = register.Field.Single(f => f.Name == "emoji");
        register.Field.Remove(emoji);
        register.ReservedRange.Add(new DescriptorProto.Types.ReservedRange { Start = emoji.Number, End = emoji.Number + 1 });

        Assert.DoesNotContain(ProtoCompatibility.BreakingChanges(baseline, changed), p => p.Contains("RegisterRequest", StringComparison.Ordinal));
    }

    private static FileDescriptorSet Current()
    {
        var set = new FileDescriptorSet();
        foreach (var file in new[] { MessagesReflection.Descriptor, AgentsReflection.Descriptor, ChannelsReflection.Descriptor, InboxReflection.Descriptor, TasksReflection.Descriptor, RequestsReflection.Descriptor })
        {
            set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }

        return set;
    }

    private static FileDescriptorSet Baseline() => JsonParser.Default.Parse<FileDescriptorSet>(File.ReadAllText(BaselinePath));

    private static DescriptorProto Message(FileDescriptorSet set, string name) => set.File.SelectMany(f => f.MessageType).Single(m => m.Name == name);
}
