namespace AgentPlatform.Workflows.Expressions;

/// <summary>Recursive-descent parser for conditions and references.</summary>
/// <remarks>
/// <code>
/// expr       := or
/// or         := and (("or" | "||") and)*
/// and        := unary (("and" | "&amp;&amp;") unary)*
/// unary      := ("not" | "!") unary | comparison
/// comparison := primary (("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") primary)?
/// primary    := number | string | "true" | "false" | "null" | "(" expr ")"
///             | "exists" "(" reference ")" | "length" "(" expr ")" | reference
/// reference  := ("input" | "steps" "." id "." ("output" | "status" | "error")) ("." name | "[" (int | string) "]")*
/// </code>
/// </remarks>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private readonly ExpressionTokenizer _tokenizer;
    private Token _current;

    public ExpressionParser(string text)
    {
        _text = text;
        _tokenizer = new ExpressionTokenizer(text);
        _current = _tokenizer.Next();
    }

    public ExpressionNode ParseWholeExpression()
    {
        if (_current.Kind == TokenKind.End)
        {
            throw new ExpressionException("empty expression", 0);
        }

        var node = ParseOr();
        Expect(TokenKind.End, "end of expression");
        return node;
    }

    public Reference ParseWholeReference()
    {
        if (_current.Kind != TokenKind.Identifier)
        {
            throw new ExpressionException("expected a reference starting with 'input' or 'steps'", _current.Position);
        }

        var reference = ParseReference();
        Expect(TokenKind.End, "end of reference");
        return reference;
    }

    private ExpressionNode ParseOr()
    {
        var left = ParseAnd();
        while (_current.Kind == TokenKind.Or)
        {
            var position = Advance().Position;
            left = new LogicalNode(left, ParseAnd(), isAnd: false, position);
        }

        return left;
    }

    private ExpressionNode ParseAnd()
    {
        var left = ParseUnary();
        while (_current.Kind == TokenKind.And)
        {
            var position = Advance().Position;
            left = new LogicalNode(left, ParseUnary(), isAnd: true, position);
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (_current.Kind == TokenKind.Not)
        {
            var position = Advance().Position;
            return new NotNode(ParseUnary(), position);
        }

        return ParseComparison();
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParsePrimary();
        if (_current.Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual
            or TokenKind.Greater or TokenKind.GreaterOrEqual)
        {
            var op = Advance();
            return new ComparisonNode(left, ParsePrimary(), op.Kind, op.Position);
        }

        return left;
    }

    private ExpressionNode ParsePrimary()
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(ExpressionValue.Of(token.Number));
            case TokenKind.String:
                Advance();
                return new LiteralNode(ExpressionValue.Of(token.Text));
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseOr();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Identifier:
                return ParseIdentifierExpression(token);
            default:
                throw new ExpressionException(token.Kind == TokenKind.End ? "unexpected end of expression" : $"unexpected '{token.Text}'", token.Position);
        }
    }

    private ExpressionNode ParseIdentifierExpression(Token token)
    {
        switch (token.Text)
        {
            case "true":
                Advance();
                return new LiteralNode(ExpressionValue.Of(true));
            case "false":
                Advance();
                return new LiteralNode(ExpressionValue.Of(false));
            case "null":
                Advance();
                return new LiteralNode(ExpressionValue.Null);
            case "exists" or "length":
                Advance();
                Expect(TokenKind.LeftParen, $"'(' after {token.Text}");
                ExpressionNode call;
                if (token.Text == "exists")
                {
                    if (_current.Kind != TokenKind.Identifier)
                    {
                        throw new ExpressionException("exists() takes a reference", _current.Position);
                    }

                    call = new ExistsNode(new ReferenceNode(ParseReference()));
                }
                else
                {
                    call = new LengthNode(ParseOr(), token.Position);
                }

                Expect(TokenKind.RightParen, "')'");
                return call;
            case "input" or "steps":
                return new ReferenceNode(ParseReference());
            default:
                throw new ExpressionException($"unknown name '{token.Text}' (references start with 'input' or 'steps'; functions are exists and length)", token.Position);
        }
    }

    private Reference ParseReference()
    {
        var start = _current.Position;
        var rootToken = Advance();
        ReferenceRoot root;
        string? stepId = null;
        var field = StepField.Output;
        if (rootToken.Text == "input")
        {
            root = ReferenceRoot.Input;
        }
        else if (rootToken.Text == "steps")
        {
            root = ReferenceRoot.Step;
            Expect(TokenKind.Dot, "'.' after steps");
            stepId = ExpectIdentifier("a step id").Text;
            Expect(TokenKind.Dot, $"'.output', '.status' or '.error' after steps.{stepId}");
            var fieldToken = ExpectIdentifier("output, status or error");
            field = fieldToken.Text switch
            {
                "output" => StepField.Output,
                "status" => StepField.Status,
                "error" => StepField.Error,
                _ => throw new ExpressionException($"unknown step field '{fieldToken.Text}' (use output, status or error)", fieldToken.Position),
            };
        }
        else
        {
            throw new ExpressionException($"references start with 'input' or 'steps', not '{rootToken.Text}'", rootToken.Position);
        }

        var path = new List<PathSegment>();
        while (true)
        {
            if (_current.Kind == TokenKind.Dot)
            {
                Advance();
                path.Add(new PathSegment(ExpectIdentifier("a property name").Text, 0));
            }
            else if (_current.Kind == TokenKind.LeftBracket)
            {
                Advance();
                var key = Advance();
                if (key.Kind == TokenKind.String)
                {
                    path.Add(new PathSegment(key.Text, 0));
                }
                else if (key.Kind == TokenKind.Number && key.Number >= 0 && key.Number == Math.Floor(key.Number) && key.Number <= int.MaxValue)
                {
                    path.Add(new PathSegment(null, (int)key.Number));
                }
                else
                {
                    throw new ExpressionException("an indexer takes a non-negative integer or a quoted name", key.Position);
                }

                Expect(TokenKind.RightBracket, "']'");
            }
            else
            {
                break;
            }
        }

        var end = _current.Kind == TokenKind.End ? _text.Length : _current.Position;
        return new Reference(root, stepId, field, path, _text[start..end].Trim());
    }

    private Token ExpectIdentifier(string what)
    {
        if (_current.Kind is TokenKind.Identifier or TokenKind.And or TokenKind.Or or TokenKind.Not)
        {
            return Advance();
        }

        throw new ExpressionException($"expected {what}", _current.Position);
    }

    private void Expect(TokenKind kind, string what)
    {
        if (_current.Kind != kind)
        {
            throw new ExpressionException(_current.Kind == TokenKind.End ? $"expected {what}, reached the end" : $"expected {what}, got '{_current.Text}'", _current.Position);
        }

        Advance();
    }

    private Token Advance()
    {
        var token = _current;
        _current = _tokenizer.Next();
        return token;
    }
}
