namespace AgentPlatform.Workflows.Expressions;

internal enum TokenKind
{
    End,
    Identifier,
    Number,
    String,
    Dot,
    Comma,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    Not,
}
