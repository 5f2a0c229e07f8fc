using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentPlatform.DaprSidecar.PubSub;

/// <summary>The part of CEL that subscription rules use in practice: comparisons of CloudEvent fields with literals
/// (<c>event.type == "agent.reply"</c>, <c>event.data.kind != 'x'</c>, <c>event.data.count == 3</c>), combined with
/// <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and parentheses. A field that is missing makes its comparison false, as a CEL error
/// makes daprd skip the rule.</summary>
internal sealed class CelMatch
{
    private readonly Func<JsonObject, bool> _evaluate;

    private CelMatch(string expression, Func<JsonObject, bool> evaluate)
    {
        Expression = expression;
        _evaluate = evaluate;
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    /// <summary>Whether <paramref name="cloudEvent"/> matches.</summary>
    public bool Matches(JsonObject cloudEvent) => _evaluate(cloudEvent);

    /// <summary>Compiles an expression.</summary>
    /// <exception cref="FormatException">The expression uses CEL beyond the supported subset.</exception>
    public static CelMatch Parse(string expression)
    {
        var parser = new Parser(expression);
        var evaluate = parser.ParseOr();
        parser.ExpectEnd();
        return new CelMatch(expression, evaluate);
    }

    private sealed class Parser(string text)
    {
        private int _position;

        public Func<JsonObject, bool> ParseOr()
        {
            var left = ParseAnd();
            while (TryTake("||"))
            {
                var (first, second) = (left, ParseAnd());
                left = e => first(e) || second(e);
            }

            return left;
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_position != text.Length)
            {
                throw Error("unexpected text");
            }
        }

        private Func<JsonObject, bool> ParseAnd()
        {
            var left = ParseUnary();
            while (TryTake("&&"))
            {
                var (first, second) = (left, ParseUnary());
                left = e => first(e) && second(e);
            }

            return left;
        }

        private Func<JsonObject, bool> ParseUnary()
        {
            if (TryTake("!"))
            {
                var inner = ParseUnary();
                return e => !inner(e);
            }

            if (TryTake("("))
            {
                var inner = ParseOr();
                if (!TryTake(")"))
                {
                    throw Error("missing ')'");
                }

                return inner;
            }

            var path = ParsePath();
            bool equal;
            if (TryTake("=="))
            {
                equal = true;
            }
            else if (TryTake("!="))
            {
                equal = false;
            }
            else
            {
                return e => Resolve(e, path) is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
            }

            var literal = ParseLiteral();
            return e => Resolve(e, path) is { } node && SameValue(node, literal) == equal;
        }

        private string[] ParsePath()
        {
            SkipSpaces();
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '.'))
            {
                _position++;
            }

            var parts = text[start.._position].Split('.');
            if (parts.Length < 2 || parts[0] != "event" || parts.Any(string.IsNullOrEmpty))
            {
                throw Error("expected a field of 'event' such as event.type");
            }

            return parts[1..];
        }

        private JsonValue ParseLiteral()
        {
            SkipSpaces();
            if (_position < text.Length && text[_position] is '"' or '\'')
            {
                var quote = text[_position];
                var end = text.IndexOf(quote, _position + 1);
                if (end < 0)
                {
                    throw Error("unterminated string");
                }

                var literal = text[(_position + 1)..end];
                _position = end + 1;
                return JsonValue.Create(literal);
            }

            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '.' or '-'))
            {
                _position++;
            }

            var word = text[start.._position];
            return word switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                _ when double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
                _ => throw Error("expected a string, number or boolean literal"),
            };
        }

        private static JsonNode? Resolve(JsonObject cloudEvent, string[] path)
        {
            JsonNode? node = cloudEvent;
            foreach (var part in path)
            {
                node = node is JsonObject json && json.TryGetPropertyValue(part, out var child) ? child : null;
            }

            return node;
        }

        private static bool SameValue(JsonNode node, JsonValue literal)
        {
            if (node is not JsonValue value)
            {
                return false;
            }

            return value.GetValueKind() switch
            {
                JsonValueKind.String => literal.TryGetValue<string>(out var text) && value.GetValue<string>() == text,
                JsonValueKind.Number => literal.TryGetValue<double>(out var number) && value.GetValue<double>() == number,
                JsonValueKind.True or JsonValueKind.False => literal.TryGetValue<bool>(out var flag) && value.GetValue<bool>() == flag,
                _ => false,
            };
        }

        private bool TryTake(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) != 0)
            {
                return false;
            }

            _position += token.Length;
            return true;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private FormatException Error(string problem) =>
            new($"unsupported match expression '{text}' at position {_position}: {problem}");
    }
}
