using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentPlatform.Workflows.Expressions;

/// <summary>A JSON value whose strings may hold <c>${reference}</c> substitutions, compiled once and resolved per use.</summary>
/// <remarks>A string that is exactly one substitution becomes the referenced value with its JSON type (JSON null when
/// missing); substitutions inside longer strings are interpolated (strings as-is, other values as JSON text,
/// missing or null as empty). <c>$${</c> writes a literal <c>${</c>. Property names are never interpolated.</remarks>
public sealed class ValueTemplate
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TemplatePart _root;

    private ValueTemplate(TemplatePart root, IReadOnlyList<Reference> references)
    {
        _root = root;
        References = references;
    }

    /// <summary>Every reference in the template, in document order.</summary>
    public IReadOnlyList<Reference> References { get; }

    /// <summary>How deeply a template's objects and arrays may nest; the same as the deepest JSON a definition may hold
    /// (System.Text.Json's default <c>MaxDepth</c>), so compiling and resolving recurse at most this deep.</summary>
    public const int DepthCeiling = 64;

    /// <summary>Compiles <paramref name="template"/> within <see cref="ExpressionLimits.Ceiling"/>, for templates that were
    /// already validated against the configured limits.</summary>
    /// <exception cref="ExpressionException">A substitution is not a valid reference or is not closed.</exception>
    public static ValueTemplate Compile(JsonElement template) => Compile(template, ExpressionLimits.Ceiling);

    /// <summary>Compiles <paramref name="template"/>, each reference within <paramref name="limits"/>.</summary>
    /// <exception cref="ExpressionException">A substitution is not a valid reference or is not closed, or a limit is
    /// exceeded (the message names it).</exception>
    public static ValueTemplate Compile(JsonElement template, ExpressionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var references = new List<Reference>();
        var root = CompilePart(template, references, limits, 1, out _);
        return new ValueTemplate(root, references);
    }

    /// <summary>Resolves the template to a standalone JSON value.</summary>
    public JsonElement Resolve(IReferenceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        if (_root is ConstantPart constant)
        {
            return constant.Value;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            _root.Write(writer, resolver);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static TemplatePart CompilePart(JsonElement element, List<Reference> references, ExpressionLimits limits, int depth, out bool rewritten)
    {
        if (depth > DepthCeiling && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            throw new ExpressionException($"nests deeper than the limit MaxNestingDepth ({DepthCeiling})", -1);
        }

        rewritten = false;
        bool childRewritten;
        TemplatePart part;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<KeyValuePair<string, TemplatePart>>();
                foreach (var property in element.EnumerateObject())
                {
                    properties.Add(new(property.Name, CompilePart(property.Value, references, limits, depth + 1, out childRewritten)));
                    rewritten |= childRewritten;
                }

                part = new ObjectPart(properties);
                break;
            case JsonValueKind.Array:
                var items = new List<TemplatePart>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(CompilePart(item, references, limits, depth + 1, out childRewritten));
                    rewritten |= childRewritten;
                }

                part = new ArrayPart(items);
                break;
            case JsonValueKind.String:
                var compiled = CompileString(element.GetString()!, references, limits);
                rewritten = compiled is not null;
                part = compiled ?? new ConstantPart(element);
                break;
            default:
                part = new ConstantPart(element);
                break;
        }

        return rewritten ? part : new ConstantPart(element.Clone());
    }

    private static TemplatePart? CompileString(string text, List<Reference> references, ExpressionLimits limits)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }

        var pieces = new List<object>();
        var literal = new StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            if (text[position] == '$' && position + 2 < text.Length && text[position + 1] == '$' && text[position + 2] == '{')
            {
                literal.Append("${");
                position += 3;
                continue;
            }

            if (text[position] == '$' && position + 1 < text.Length && text[position + 1] == '{')
            {
                var close = text.IndexOf('}', position + 2);
                if (close < 0)
                {
                    throw new ExpressionException("'${' is not closed by '}'", position);
                }

                Reference reference;
                try
                {
                    reference = Reference.Parse(text[(position + 2)..close], limits);
                }
                catch (ExpressionException e)
                {
                    throw new ExpressionException($"in '{text[position..(close + 1)]}': {e.Reason}", position);
                }

                if (literal.Length > 0)
                {
                    pieces.Add(literal.ToString());
                    literal.Clear();
                }

                pieces.Add(reference);
                references.Add(reference);
                position = close + 1;
                continue;
            }

            literal.Append(text[position]);
            position++;
        }

        if (literal.Length > 0)
        {
            pieces.Add(literal.ToString());
        }

        return pieces switch
        {
            [Reference single] => new ReferencePart(single),
            [string onlyLiteral] => new ConstantPart(JsonSerializer.SerializeToElement(onlyLiteral)),
            _ => new InterpolationPart(pieces),
        };
    }

    private abstract class TemplatePart
    {
        public abstract void Write(Utf8JsonWriter writer, IReferenceResolver resolver);
    }

    private sealed class ConstantPart(JsonElement value) : TemplatePart
    {
        public JsonElement Value => value;

        public override void Write(Utf8JsonWriter writer, IReferenceResolver resolver) => value.WriteTo(writer);
    }

    private sealed class ObjectPart(List<KeyValuePair<string, TemplatePart>> properties) : TemplatePart
    {
        public override void Write(Utf8JsonWriter writer, IReferenceResolver resolver)
        {
            writer.WriteStartObject();
            foreach (var (name, part) in properties)
            {
                writer.WritePropertyName(name);
                part.Write(writer, resolver);
            }

            writer.WriteEndObject();
        }
    }

    private sealed class ArrayPart(List<TemplatePart> items) : TemplatePart
    {
        public override void Write(Utf8JsonWriter writer, IReferenceResolver resolver)
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.Write(writer, resolver);
            }

            writer.WriteEndArray();
        }
    }

    private sealed class ReferencePart(Reference reference) : TemplatePart
    {
        public override void Write(Utf8JsonWriter writer, IReferenceResolver resolver)
        {
            if (reference.Resolve(resolver) is { } value)
            {
                value.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    private sealed class InterpolationPart(List<object> pieces) : TemplatePart
    {
        public override void Write(Utf8JsonWriter writer, IReferenceResolver resolver)
        {
            var builder = new StringBuilder();
            foreach (var piece in pieces)
            {
                if (piece is string text)
                {
                    builder.Append(text);
                    continue;
                }

                var value = ((Reference)piece).Resolve(resolver);
                if (value is { } element)
                {
                    builder.Append(element.ValueKind switch
                    {
                        JsonValueKind.String => element.GetString(),
                        JsonValueKind.Null => "",
                        _ => element.GetRawText(),
                    });
                }
            }

            writer.WriteStringValue(builder.ToString());
        }
    }
}
