namespace AgentPlatform.Workflows.Expressions;

/// <summary>Recursive-descent parser for conditions and references.</summary>
/// <remarks>Recursion happens only where the text nests (parentheses, <c>not</c>, <c>length(...)</c>); each nesting is
/// counted against <see cref="ExpressionLimits.MaxDepth"/>, and chains of <c>and</c>/<c>or</c> become one n-ary node, so
/// the parser, the evaluator and the reference walk all recurse at most that deep.
/// 
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
    private const string RootNames = "'input', 'steps', 'item', 'item_index' or 'tasks'";

    private readonly string _text;
    private readonly ExpressionTokenizer _tokenizer;
    private readonly int _maxDepth;
    private Token _current;
    private int _depth;

    public ExpressionParser(string text, int maxLength, int maxDepth, string lengthLimitName)
    {
        if (text.Length > maxLength)
        {
            throw new ExpressionException($"is {text.Length} characters long, more than the limit {lengthLimitName} ({maxLength})", -1);
        }

        _text = text;
        _maxDepth = maxDepth;
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
            throw new ExpressionException($"expected a reference starting with {RootNames}", _current.Position);
        }

        var reference = ParseReference();
        Expect(TokenKind.End, "end of reference");
        return reference;
    }

    private ExpressionNode ParseOr()
    {
        var first = ParseAnd();
        if (_current.Kind != TokenKind.Or)
        {
            return first;
        }

        var operands = new List<ExpressionNode> { first };
        var positions = new List<int>();
        while (_current.Kind == TokenKind.Or)
        {
            positions.Add(Advance().Position);
            operands.Add(ParseAnd());
        }

        return new LogicalNode(operands, positions, isAnd: false);
    }

    private ExpressionNode ParseAnd()
    {
        var first = ParseUnary();
        if (_current.Kind != TokenKind.And)
        {
            return first;
        }

        var operands = new List<ExpressionNode> { first };
        var positions = new List<int>();
        while (_current.Kind == TokenKind.And)
        {
            positions.Add(Advance().Position);
            operands.Add(ParseUnary());
        }

        return new LogicalNode(operands, positions, isAnd: true);
    }

    private ExpressionNode ParseUnary()
    {
        if (_current.Kind == TokenKind.Not)
        {
            var position = Advance().Position;
            Enter(position);
            var operand = ParseUnary();
            _depth--;
            return new NotNode(operand, position);
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
                Enter(Advance().Position);
                var inner = ParseOr();
                Expect(TokenKind.RightParen, "')'");
                _depth--;
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
                    Enter(token.Position);
                    call = new LengthNode(ParseOr(), token.Position);
                    _depth--;
                }

                Expect(TokenKind.RightParen, "')'");
                return call;
            case "input" or "steps" or "item" or "item_index" or "tasks":
                return new ReferenceNode(ParseReference());
            default:
                throw new ExpressionException($"unknown name '{token.Text}' (references start with {RootNames}; functions are exists and length)", token.Position);
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
        else if (rootToken.Text == "item")
        {
            root = ReferenceRoot.Item;
        }
        else if (rootToken.Text == "item_index")
        {
            root = ReferenceRoot.ItemIndex;
        }
        else if (rootToken.Text == "tasks")
        {
            root = ReferenceRoot.Task;
            Expect(TokenKind.Dot, "'.' after tasks");
            stepId = ExpectIdentifier("a task id").Text;
            Expect(TokenKind.Dot, $"'.output' after tasks.{stepId}");
            var outputToken = ExpectIdentifier("output");
            if (outputToken.Text != "output")
            {
                throw new ExpressionException($"unknown task field '{outputToken.Text}' (use output)", outputToken.Position);
            }
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
            throw new ExpressionException($"references start with {RootNames}, not '{rootToken.Text}'", rootToken.Position);
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

    /// <summary>Counts one level of nesting starting at <paramref name="position"/>, refusing to go past the limit.</summary>
    private void Enter(int position)
    {
        if (++_depth > _maxDepth)
        {
            throw new ExpressionException($"nests deeper than the limit MaxExpressionDepth ({_maxDepth})", position);
        }
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
