namespace AgentPlatform.Workflows.Expressions;

internal readonly record struct Token(TokenKind Kind, string Text, int Position, double Number = 0);
