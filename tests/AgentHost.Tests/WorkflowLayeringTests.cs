using System.Reflection;
using System.Reflection.Emit;

namespace AgentPlatform.AgentHost.Tests;

/// <summary>The workflow core (definitions, validation, expressions, history, the decider, ids, task dispatch, run-time plans
/// and the operations contract) knows no engine, and no two workflow namespaces depend on each other.</summary>
/// <remarks>References are read from signatures, attributes and method bodies (IL), compiler-generated types included.</remarks>
public sealed class WorkflowLayeringTests
{
    private const string Root = "AgentPlatform.Workflows";
    private const string Engines = "AgentPlatform.Workflows.Engines";

    private static readonly Lazy<Dictionary<string, HashSet<string>>> Graph = new(BuildGraph);

    [Theory]
    [InlineData("AgentPlatform.Workflows")]
    [InlineData("AgentPlatform.Workflows.Decisions")]
    [InlineData("AgentPlatform.Workflows.Definitions")]
    [InlineData("AgentPlatform.Workflows.Dispatch")]
    [InlineData("AgentPlatform.Workflows.Expressions")]
    [InlineData("AgentPlatform.Workflows.History")]
    [InlineData("AgentPlatform.Workflows.Ids")]
    [InlineData("AgentPlatform.Workflows.Operations")]
    [InlineData("AgentPlatform.Workflows.Plans")]
    public void A_core_namespace_references_no_engine(string core)
    {
        Assert.True(Graph.Value.ContainsKey(core), $"{core} has no types");
        Assert.DoesNotContain(Graph.Value[core], ns => ns.StartsWith(Engines, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_workflow_namespace_outside_the_engines_is_core()
    {
        var core = new[] { "", ".Decisions", ".Definitions", ".Dispatch", ".Expressions", ".History", ".Ids", ".Operations", ".Plans" }.Select(s => Root + s);

        Assert.Empty(Graph.Value.Keys.Where(ns => !ns.StartsWith(Engines, StringComparison.Ordinal)).Except(core));
    }

    [Fact]
    public void The_scan_sees_references_in_signatures_and_in_method_bodies()
    {
        // The engine's signatures name the decider's types; dispatch calls the assembly's Log only inside a method body.
        Assert.Contains("AgentPlatform.Workflows.Decisions", Graph.Value["AgentPlatform.Workflows.Engines.Actors"]);
        Assert.Contains(Root, Graph.Value["AgentPlatform.Workflows.Dispatch"]);
    }

    [Fact]
    public void Workflow_namespaces_have_no_cycles()
    {
        var graph = Graph.Value;
        var cycles = new List<string>();
        foreach (var (from, targets) in graph)
        {
            foreach (var to in targets.Where(t => t != from && Reaches(graph, t, from)))
            {
                cycles.Add($"{from} -> {to}");
            }
        }

        Assert.Empty(cycles);
    }

    [Fact]
    public void Only_the_dapr_engine_references_Dapr_and_it_uses_no_actor_engine_type()
    {
        var dapr = Assembly.Load("AgentPlatform.Workflows.Dapr");

        Assert.DoesNotContain(Assembly.Load(Root).GetReferencedAssemblies(), a => a.Name!.StartsWith("Dapr.", StringComparison.Ordinal));
        Assert.Contains(dapr.GetReferencedAssemblies(), a => a.Name == "Dapr.Workflow");
        var used = dapr.GetTypes().Where(t => t.Namespace is { } ns && IsWorkflow(ns)).SelectMany(TypesUsedBy).Select(t => t.Namespace).ToHashSet();
        Assert.Contains("AgentPlatform.Workflows.Decisions", used);
        Assert.DoesNotContain("AgentPlatform.Workflows.Engines.Actors", used);
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> graph, string start, string goal)
    {
        var seen = new HashSet<string> { start };
        var pending = new Stack<string>([start]);
        while (pending.TryPop(out var current))
        {
            if (current == goal)
            {
                return true;
            }

            foreach (var next in graph.GetValueOrDefault(current) ?? [])
            {
                if (seen.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }

    /// <summary>Namespace of every workflow type (DI registration helpers excluded) to the workflow namespaces it uses.</summary>
    private static Dictionary<string, HashSet<string>> BuildGraph()
    {
        var assembly = Assembly.Load(Root);
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (type.Namespace is not { } ns || !IsWorkflow(ns))
            {
                continue;
            }

            if (!graph.TryGetValue(ns, out var uses))
            {
                uses = new HashSet<string>(StringComparer.Ordinal);
                graph[ns] = uses;
            }

            foreach (var used in TypesUsedBy(type))
            {
                if (used.Namespace is { } target && IsWorkflow(target) && target != ns)
                {
                    uses.Add(target);
                }
            }
        }

        return graph;
    }

    private static bool IsWorkflow(string ns) => ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal);

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var used = new List<Type?> { type.BaseType, type.DeclaringType };
        used.AddRange(type.GetInterfaces());
        used.AddRange(type.GetCustomAttributesData().SelectMany(AttributeTypes));
        foreach (var field in type.GetFields(all))
        {
            used.Add(field.FieldType);
            used.AddRange(field.GetCustomAttributesData().SelectMany(AttributeTypes));
        }

        foreach (var property in type.GetProperties(all))
        {
            used.Add(property.PropertyType);
            used.AddRange(property.GetCustomAttributesData().SelectMany(AttributeTypes));
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                used.Add(info.ReturnType);
            }

            used.AddRange(method.GetParameters().Select(p => p.ParameterType));
            used.AddRange(BodyReferences(method));
        }

        return used.OfType<Type>().SelectMany(Expand);
    }

    private static IEnumerable<Type> AttributeTypes(CustomAttributeData attribute) =>
        attribute.ConstructorArguments.Select(a => a.Value).OfType<Type>().Append(attribute.AttributeType);

    /// <summary>A type with its element and generic argument types.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var inner in Expand(element))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().Where(a => !a.IsGenericParameter).SelectMany(Expand))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The declaring types of the methods, fields and types a method body's IL names.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var position = 0;
        while (position < il.Length)
        {
            var code = il[position] == 0xFE ? TwoByte[il[position + 1]] : OneByte[il[position]];
            position += il[position] == 0xFE ? 2 : 1;
            var operand = OperandSize(code.OperandType, il, position);
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, position);
                if (Resolve(method, token) is { } resolved)
                {
                    yield return resolved;
                }
            }

            position += operand;
        }
    }

    private static Type? Resolve(MethodBase method, int token)
    {
        try
        {
            var member = method.Module.ResolveMember(
                token,
                method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null,
                method.IsGenericMethod ? method.GetGenericArguments() : null);
            return member as Type ?? member?.DeclaringType;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int position) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };

    private static readonly OpCode[] OneByte = OpCodeTable(single: true);
    private static readonly OpCode[] TwoByte = OpCodeTable(single: false);

    private static OpCode[] OpCodeTable(bool single)
    {
        var table = new OpCode[256];
        foreach (var code in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!))
        {
            var value = (ushort)code.Value;
            if (single && code.Size == 1)
            {
                table[value] = code;
            }
            else if (!single && code.Size == 2)
            {
                table[value & 0xFF] = code;
            }
        }

        return table;
    }
}
