using System.Globalization;
using System.Text;

namespace AgentPlatform.Workflows.Expressions;

/// <summary>Splits expression text into tokens. Identifiers may contain letters, digits, <c>_</c> and <c>-</c>
/// (step ids such as <c>extract-entities</c>); there is no arithmetic, so <c>-</c> is never an operator.</summary>
internal sealed class ExpressionTokenizer(string text)
{
    private int _position;

    public Token Next()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        if (_position >= text.Length)
        {
            return new Token(TokenKind.End, "", _position);
        }

        var start = _position;
        var c = text[_position];
        switch (c)
        {
            case '.': _position++; return new Token(TokenKind.Dot, ".", start);
            case ',': _position++; return new Token(TokenKind.Comma, ",", start);
            case '(': _position++; return new Token(TokenKind.LeftParen, "(", start);
            case ')': _position++; return new Token(TokenKind.RightParen, ")", start);
            case '[': _position++; return new Token(TokenKind.LeftBracket, "[", start);
            case ']': _position++; return new Token(TokenKind.RightBracket, "]", start);
            case '\'' or '"': return ReadString(c);
            case '=' when Peek(1) == '=': _position += 2; return new Token(TokenKind.Equal, "==", start);
            case '!' when Peek(1) == '=': _position += 2; return new Token(TokenKind.NotEqual, "!=", start);
            case '!': _position++; return new Token(TokenKind.Not, "!", start);
            case '<' when Peek(1) == '=': _position += 2; return new Token(TokenKind.LessOrEqual, "<=", start);
            case '<': _position++; return new Token(TokenKind.Less, "<", start);
            case '>' when Peek(1) == '=': _position += 2; return new Token(TokenKind.GreaterOrEqual, ">=", start);
            case '>': _position++; return new Token(TokenKind.Greater, ">", start);
            case '&' when Peek(1) == '&': _position += 2; return new Token(TokenKind.And, "&&", start);
            case '|' when Peek(1) == '|': _position += 2; return new Token(TokenKind.Or, "||", start);
            default:
                break;
        }

        if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1))))
        {
            return ReadNumber();
        }

        if (char.IsLetter(c) || c == '_')
        {
            while (_position < text.Length && IsIdentifierPart(text[_position]))
            {
                _position++;
            }

            var word = text[start.._position];
            return word switch
            {
                "and" => new Token(TokenKind.And, word, start),
                "or" => new Token(TokenKind.Or, word, start),
                "not" => new Token(TokenKind.Not, word, start),
                _ => new Token(TokenKind.Identifier, word, start),
            };
        }

        throw new ExpressionException($"unexpected character '{c}'", start);
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private char Peek(int offset) => _position + offset < text.Length ? text[_position + offset] : '\0';

    private Token ReadNumber()
    {
        var start = _position;
        if (text[_position] == '-')
        {
            _position++;
        }

        while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] is '.' or 'e' or 'E'
            || (text[_position] is '+' or '-' && text[_position - 1] is 'e' or 'E')))
        {
            _position++;
        }

        var literal = text[start.._position];
        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new ExpressionException($"'{literal}' is not a number", start);
        }

        return new Token(TokenKind.Number, literal, start, value);
    }

    private Token ReadString(char quote)
    {
        var start = _position;
        _position++;
        var builder = new StringBuilder();
        while (_position < text.Length)
        {
            var c = text[_position++];
            if (c == quote)
            {
                return new Token(TokenKind.String, builder.ToString(), start);
            }

            if (c == '\\' && _position < text.Length)
            {
                var escaped = text[_position++];
                builder.Append(escaped switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    _ => escaped,
                });
                continue;
            }

            builder.Append(c);
        }

        throw new ExpressionException("unterminated string", start);
    }
}
