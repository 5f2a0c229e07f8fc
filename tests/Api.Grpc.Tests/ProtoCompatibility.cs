using Google.Protobuf.Reflection;

namespace AgentPlatform.Api.Grpc.Tests;

/// <summary>Lists the breaking differences between a published descriptor set and the current one: a removed or renamed
/// message, field, enum value, service or method; a field whose number now carries another name, type or cardinality; a
/// method whose request, response or streaming changed. Additions are not breaking.</summary>
internal static class ProtoCompatibility
{
    public static List<string> BreakingChanges(FileDescriptorSet published, FileDescriptorSet current)
    {
        var problems = new List<string>();
        var messages = Messages(current);
        foreach (var (name, before) in Messages(published))
        {
            if (!messages.TryGetValue(name, out var after))
            {
                problems.Add($"message {name} was removed");
                continue;
            }

            foreach (var field in before.Field)
            {
                var now = after.Field.FirstOrDefault(f => f.Number == field.Number);
                if (now is null)
                {
                    if (!after.ReservedRange.Any(r => field.Number >= r.Start && field.Number < r.End))
                    {
                        problems.Add($"{name}.{field.Name} (field {field.Number}) was removed without reserving its number");
                    }

                    continue;
                }

                if (now.Name != field.Name)
                {
                    problems.Add($"{name} field {field.Number} was renamed from {field.Name} to {now.Name}");
                }

                if (now.Type != field.Type || now.TypeName != field.TypeName)
                {
                    problems.Add($"{name}.{field.Name} changed type from {Describe(field)} to {Describe(now)}");
                }

                if (now.Label != field.Label || now.Proto3Optional != field.Proto3Optional || now.HasOneofIndex != field.HasOneofIndex)
                {
                    problems.Add($"{name}.{field.Name} changed cardinality (repeated, optional or oneof)");
                }
            }
        }

        var enums = Enums(current);
        foreach (var (name, before) in Enums(published))
        {
            if (!enums.TryGetValue(name, out var after))
            {
                problems.Add($"enum {name} was removed");
                continue;
            }

            foreach (var value in before.Value.Where(v => !after.Value.Any(a => a.Number == v.Number && a.Name == v.Name)))
            {
                problems.Add($"enum value {name}.{value.Name} = {value.Number} was removed or renumbered");
            }
        }

        var services = Services(current);
        foreach (var (name, before) in Services(published))
        {
            if (!services.TryGetValue(name, out var after))
            {
                problems.Add($"service {name} was removed");
                continue;
            }

            foreach (var method in before.Method)
            {
                var now = after.Method.FirstOrDefault(m => m.Name == method.Name);
                if (now is null)
                {
                    problems.Add($"method {name}.{method.Name} was removed");
                }
                else if (now.InputType != method.InputType || now.OutputType != method.OutputType
                    || now.ClientStreaming != method.ClientStreaming || now.ServerStreaming != method.ServerStreaming)
                {
                    problems.Add($"method {name}.{method.Name} changed its request, response or streaming");
                }
            }
        }

        return problems;
    }

    private static Dictionary<string, DescriptorProto> Messages(FileDescriptorSet set)
    {
        var index = new Dictionary<string, DescriptorProto>(StringComparer.Ordinal);
        foreach (var file in set.File)
        {
            Walk(file.Package, file.MessageType, (name, message) => index[name] = message);
        }

        return index;
    }

    private static Dictionary<string, EnumDescriptorProto> Enums(FileDescriptorSet set)
    {
        var index = new Dictionary<string, EnumDescriptorProto>(StringComparer.Ordinal);
        foreach (var file in set.File)
        {
            WalkEnums(file.Package, file.EnumType, file.MessageType, (name, item) => index[name] = item);
        }

        return index;
    }

    private static Dictionary<string, ServiceDescriptorProto> Services(FileDescriptorSet set) =>
        set.File.SelectMany(f => f.Service.Select(s => (Name: $"{f.Package}.{s.Name}", Service: s))).ToDictionary(e => e.Name, e => e.Service, StringComparer.Ordinal);

    private static void Walk(string scope, IEnumerable<DescriptorProto> messages, Action<string, DescriptorProto> add)
    {
        foreach (var message in messages)
        {
            var name = $"{scope}.{message.Name}";
            add(name, message);
            Walk(name, message.NestedType, add);
        }
    }

    private static void WalkEnums(string scope, IEnumerable<EnumDescriptorProto> enums, IEnumerable<DescriptorProto> messages, Action<string, EnumDescriptorProto> add)
    {
        foreach (var item in enums)
        {
            add($"{scope}.{item.Name}", item);
        }

        foreach (var message in messages)
        {
            WalkEnums($"{scope}.{message.Name}", message.EnumType, message.NestedType, add);
        }
    }

    private static string Describe(FieldDescriptorProto field) => field.TypeName.Length > 0 ? field.TypeName : field.Type.ToString();
}
