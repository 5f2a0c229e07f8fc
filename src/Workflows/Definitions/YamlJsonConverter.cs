using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Turns a YAML document into a JSON tree with core-schema scalar typing, within the bounds of
/// <see cref="WorkflowLimitsOptions"/>.</summary>
/// <remarks>It reads the parser's event stream and builds the tree with its own stack, so nesting costs no call-stack
/// depth. Refused: more than one document, tags (<c>!!str</c>, <c>!custom</c>), keys that are not scalars, duplicate
/// keys, aliases to unknown or unfinished anchors, more aliases than <see cref="WorkflowLimitsOptions.MaxYamlAliases"/>,
/// nesting deeper than <see cref="WorkflowLimitsOptions.MaxNestingDepth"/> and more values than
/// <see cref="WorkflowLimitsOptions.MaxNodes"/>, where an alias counts every value it copies (no billion laughs).</remarks>
internal sealed partial class YamlJsonConverter
{
    private readonly WorkflowLimitsOptions _limits;
    private readonly Stack<Frame> _open = new();
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private JsonNode? _root;
    private bool _hasRoot;
    private int _nodes;
    private int _aliases;

    private YamlJsonConverter(WorkflowLimitsOptions limits) => _limits = limits;

    public static JsonNode? ToJson(string yaml, WorkflowLimitsOptions limits)
    {
        var converter = new YamlJsonConverter(limits);
        using var reader = new StringReader(yaml);
        var parser = new Parser(reader);
        var documents = 0;
        while (MoveNext(parser))
        {
            if (parser.Current is DocumentStart start && ++documents > 1)
            {
                throw Problem(start.Start, "", "expected exactly one YAML document");
            }

            converter.Accept(parser.Current!);
        }

        return documents == 1 && converter._hasRoot
            ? converter._root
            : throw new WorkflowDefinitionException([new WorkflowProblem("$", null, "", "expected exactly one YAML document")]);
    }

    /// <summary>Reads the next event, turning every way the YAML library reports malformed text into a problem.</summary>
    private static bool MoveNext(Parser parser)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (YamlException e)
        {
            throw Problem(e.Start, "", $"not valid YAML: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this for some malformed flow mappings (found by fuzzing: "{ id: x, dur{tion: 1s }").
            throw Problem(parser.Current?.Start ?? Mark.Empty, "", $"not valid YAML: {e.Message}");
        }
    }

    private void Accept(ParsingEvent parsingEvent)
    {
        switch (parsingEvent)
        {
            case Scalar scalar:
                RefuseTag(scalar);
                if (_open.TryPeek(out var owner) && owner.Node is JsonObject && owner.Key is null)
                {
                    owner.Key = scalar.Value;
                    owner.KeyLine = scalar.Start.Line;
                    return;
                }

                CountNode(scalar);
                var value = ConvertScalar(scalar);
                Attach(value, height: 0);
                Remember(scalar, value, height: 0, count: 1);
                break;
            case MappingStart or SequenceStart:
                var nodeEvent = (NodeEvent)parsingEvent;
                RefuseTag(nodeEvent);
                RefuseComplexKey(nodeEvent);
                if (_open.Count + 1 > _limits.MaxNestingDepth)
                {
                    throw Problem(nodeEvent.Start, "", $"nests deeper than the limit MaxNestingDepth ({_limits.MaxNestingDepth})");
                }

                var startCount = _nodes;
                CountNode(nodeEvent);
                _open.Push(new Frame(parsingEvent is MappingStart ? new JsonObject() : new JsonArray(), nodeEvent, startCount));
                break;
            case MappingEnd or SequenceEnd:
                var frame = _open.Pop();
                var subtree = _nodes - frame.StartCount;
                Attach(frame.Node, frame.Height);
                Remember(frame.Event, frame.Node, frame.Height, subtree);
                break;
            case AnchorAlias alias:
                Expand(alias);
                break;
        }
    }

    private void Expand(AnchorAlias alias)
    {
        RefuseComplexKey(alias);
        if (++_aliases > _limits.MaxYamlAliases)
        {
            throw Problem(alias.Start, "", $"has more aliases than the limit MaxYamlAliases ({_limits.MaxYamlAliases})");
        }

        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw Problem(alias.Start, "", $"alias '*{alias.Value.Value}' names no finished anchor");
        }

        if (_open.Count + anchored.Height > _limits.MaxNestingDepth)
        {
            throw Problem(alias.Start, "", $"nests deeper than the limit MaxNestingDepth ({_limits.MaxNestingDepth})");
        }

        _nodes += anchored.Count;
        if (_nodes > _limits.MaxNodes)
        {
            throw Problem(alias.Start, "", $"has more values than the limit MaxNodes ({_limits.MaxNodes}) once aliases are expanded");
        }

        Attach(anchored.Node?.DeepClone(), anchored.Height);
    }

    private void Attach(JsonNode? node, int height)
    {
        if (!_open.TryPeek(out var parent))
        {
            _root = node;
            _hasRoot = true;
            return;
        }

        parent.Height = Math.Max(parent.Height, height + 1);
        if (parent.Node is JsonArray array)
        {
            array.Add(node);
            return;
        }

        var obj = (JsonObject)parent.Node;
        var key = parent.Key!;
        if (obj.ContainsKey(key))
        {
            throw new WorkflowDefinitionException([new WorkflowProblem($"line {parent.KeyLine}", null, key, $"duplicate key '{key}'")]);
        }

        obj[key] = node;
        parent.Key = null;
    }

    private void Remember(NodeEvent nodeEvent, JsonNode? node, int height, int count)
    {
        if (!nodeEvent.Anchor.IsEmpty)
        {
            _anchors[nodeEvent.Anchor.Value] = new Anchored(node, height, count);
        }
    }

    private void CountNode(ParsingEvent at)
    {
        if (++_nodes > _limits.MaxNodes)
        {
            throw Problem(at.Start, "", $"has more values than the limit MaxNodes ({_limits.MaxNodes})");
        }
    }

    private void RefuseComplexKey(ParsingEvent at)
    {
        if (_open.TryPeek(out var owner) && owner.Node is JsonObject && owner.Key is null)
        {
            throw Problem(at.Start, "", "mapping keys must be plain scalars, not collections or aliases");
        }
    }

    private static void RefuseTag(NodeEvent nodeEvent)
    {
        if (!nodeEvent.Tag.IsEmpty)
        {
            throw Problem(nodeEvent.Start, "", $"tags such as '{nodeEvent.Tag.Value}' are not allowed");
        }
    }

    private static WorkflowDefinitionException Problem(Mark at, string field, string message) =>
        new([new WorkflowProblem(string.Create(CultureInfo.InvariantCulture, $"line {at.Line}"), null, field, message)]);

    private static JsonValue? ConvertScalar(Scalar scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    private sealed class Frame(JsonNode node, NodeEvent nodeEvent, int startCount)
    {
        public JsonNode Node { get; } = node;

        public NodeEvent Event { get; } = nodeEvent;

        public int StartCount { get; } = startCount;

        public int Height { get; set; } = 1;

        public string? Key { get; set; }

        public long KeyLine { get; set; }
    }

    private sealed record Anchored(JsonNode? Node, int Height, int Count);
}
