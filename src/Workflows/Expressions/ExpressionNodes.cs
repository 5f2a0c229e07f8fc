using System.Text.Json;

namespace AgentPlatform.Workflows.Expressions;

internal sealed class LiteralNode(ExpressionValue value) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReferenceResolver resolver) => value;
}

internal sealed class ReferenceNode(Reference reference) : ExpressionNode
{
    public Reference Reference => reference;

    public override ExpressionValue Evaluate(IReferenceResolver resolver) => ExpressionValue.From(reference.Resolve(resolver));

    public override void CollectReferences(List<Reference> references) => references.Add(reference);
}

internal sealed class NotNode(ExpressionNode operand, int position) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReferenceResolver resolver) =>
        ExpressionValue.Of(!LogicalNode.RequireBoolean(operand.Evaluate(resolver), "not", position));

    public override void CollectReferences(List<Reference> references) => operand.CollectReferences(references);
}

/// <summary>A chain <c>a and b and c</c> (or <c>or</c>) as one node, so long chains do not nest.</summary>
/// <remarks><paramref name="positions"/>[i] is the position of the operator before operand i + 1; operand 0 is reported
/// at the first operator.</remarks>
internal sealed class LogicalNode(List<ExpressionNode> operands, List<int> positions, bool isAnd) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReferenceResolver resolver)
    {
        var name = isAnd ? "and" : "or";
        var result = isAnd;
        for (var i = 0; i < operands.Count; i++)
        {
            result = RequireBoolean(operands[i].Evaluate(resolver), name, positions[Math.Max(0, i - 1)]);
            if (result != isAnd)
            {
                return ExpressionValue.Of(result);
            }
        }

        return ExpressionValue.Of(result);
    }

    public override void CollectReferences(List<Reference> references)
    {
        foreach (var operand in operands)
        {
            operand.CollectReferences(references);
        }
    }

    internal static bool RequireBoolean(ExpressionValue value, string operatorName, int position) =>
        value.Kind == ExpressionValueKind.Boolean
            ? value.Boolean
            : throw new ExpressionException($"'{operatorName}' needs booleans, got {value.Describe()} (at position {position})", -1);
}

internal sealed class ComparisonNode(ExpressionNode left, ExpressionNode right, TokenKind op, int position) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReferenceResolver resolver)
    {
        var a = left.Evaluate(resolver);
        var b = right.Evaluate(resolver);
        if (op is TokenKind.Equal or TokenKind.NotEqual)
        {
            var equal = AreEqual(a, b);
            return ExpressionValue.Of(op == TokenKind.Equal ? equal : !equal);
        }

        int order;
        if (a.Kind == ExpressionValueKind.Number && b.Kind == ExpressionValueKind.Number)
        {
            order = a.Number.CompareTo(b.Number);
        }
        else if (a.Kind == ExpressionValueKind.String && b.Kind == ExpressionValueKind.String)
        {
            order = string.CompareOrdinal(a.Text, b.Text);
        }
        else
        {
            throw new ExpressionException($"cannot order {a.Describe()} and {b.Describe()} (at position {position})", -1);
        }

        return ExpressionValue.Of(op switch
        {
            TokenKind.Less => order < 0,
            TokenKind.LessOrEqual => order <= 0,
            TokenKind.Greater => order > 0,
            _ => order >= 0,
        });
    }

    public override void CollectReferences(List<Reference> references)
    {
        left.CollectReferences(references);
        right.CollectReferences(references);
    }

    private static bool AreEqual(ExpressionValue a, ExpressionValue b)
    {
        var aNull = a.Kind is ExpressionValueKind.Missing or ExpressionValueKind.Null;
        var bNull = b.Kind is ExpressionValueKind.Missing or ExpressionValueKind.Null;
        if (aNull || bNull)
        {
            return aNull && bNull;
        }

        if (a.Kind != b.Kind)
        {
            return false;
        }

        return a.Kind switch
        {
            ExpressionValueKind.Boolean => a.Boolean == b.Boolean,
            ExpressionValueKind.Number => a.Number.Equals(b.Number),
            ExpressionValueKind.String => string.Equals(a.Text, b.Text, StringComparison.Ordinal),
            _ => JsonElement.DeepEquals(a.Json, b.Json),
        };
    }
}

internal sealed class ExistsNode(ReferenceNode argument) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReferenceResolver resolver) =>
        ExpressionValue.Of(argument.Evaluate(resolver).Kind is not (ExpressionValueKind.Missing or ExpressionValueKind.Null));

    public override void CollectReferences(List<Reference> references) => argument.CollectReferences(references);
}

internal sealed class LengthNode(ExpressionNode argument, int position) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReferenceResolver resolver)
    {
        var value = argument.Evaluate(resolver);
        return value.Kind switch
        {
            ExpressionValueKind.Missing or ExpressionValueKind.Null => ExpressionValue.Of(0),
            ExpressionValueKind.String => ExpressionValue.Of(value.Text!.Length),
            ExpressionValueKind.Json when value.Json.ValueKind == JsonValueKind.Array => ExpressionValue.Of(value.Json.GetArrayLength()),
            ExpressionValueKind.Json => ExpressionValue.Of(value.Json.GetPropertyCount()),
            _ => throw new ExpressionException($"length() needs a string, array or object, got {value.Describe()} (at position {position})", -1),
        };
    }

    public override void CollectReferences(List<Reference> references) => argument.CollectReferences(references);
}
