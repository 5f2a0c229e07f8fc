using System.Globalization;
using System.Text.Json;

namespace AgentPlatform.Workflows.Expressions;

/// <summary>A value during evaluation: missing, null, boolean, number, string, or a JSON object/array.</summary>
internal readonly struct ExpressionValue
{
    private ExpressionValue(ExpressionValueKind kind, bool boolean = false, double number = 0, string? text = null, JsonElement json = default)
    {
        Kind = kind;
        Boolean = boolean;
        Number = number;
        Text = text;
        Json = json;
    }

    public ExpressionValueKind Kind { get; }

    public bool Boolean { get; }

    public double Number { get; }

    public string? Text { get; }

    public JsonElement Json { get; }

    public static ExpressionValue Missing { get; } = new(ExpressionValueKind.Missing);

    public static ExpressionValue Null { get; } = new(ExpressionValueKind.Null);

    public static ExpressionValue Of(bool value) => new(ExpressionValueKind.Boolean, boolean: value);

    public static ExpressionValue Of(double value) => new(ExpressionValueKind.Number, number: value);

    public static ExpressionValue Of(string value) => new(ExpressionValueKind.String, text: value);

    public static ExpressionValue From(JsonElement? element)
    {
        if (element is not { } value)
        {
            return Missing;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => Null,
            JsonValueKind.True => Of(true),
            JsonValueKind.False => Of(false),
            JsonValueKind.Number => Of(value.GetDouble()),
            JsonValueKind.String => Of(value.GetString()!),
            _ => new ExpressionValue(ExpressionValueKind.Json, json: value),
        };
    }

    public string Describe() => Kind switch
    {
        ExpressionValueKind.Missing => "missing",
        ExpressionValueKind.Null => "null",
        ExpressionValueKind.Boolean => Boolean ? "true" : "false",
        ExpressionValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ExpressionValueKind.String => $"'{Text}'",
        _ => Json.ValueKind == JsonValueKind.Array ? "an array" : "an object",
    };
}
