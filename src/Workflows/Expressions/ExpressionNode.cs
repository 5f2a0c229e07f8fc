namespace AgentPlatform.Workflows.Expressions;

/// <summary>A node of a parsed condition expression.</summary>
internal abstract class ExpressionNode
{
    public abstract ExpressionValue Evaluate(IReferenceResolver resolver);

    public virtual void CollectReferences(List<Reference> references)
    {
    }
}
