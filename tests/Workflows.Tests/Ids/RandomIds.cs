using System.Text;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Tests.Ids;

/// <summary>Generates valid id parts from a seed, covering every character class of the grammar.</summary>
internal sealed class RandomIds(int seed)
{
    private const string RootChars = "ABCXYZabcxyz0189_.-";
    private const string StepFirst = "AZaz_éß";
    private const string StepChars = "AZaz09_-éß";

    private readonly Random _random = new(seed);

    public string Root()
    {
        string root;
        do
        {
            root = Text(RootChars, RootChars, 1 + _random.Next(_random.Next(4) == 0 ? WorkflowInstanceId.MaxRootLength : 12));
        }
        while (root is "." or "..");
        return root;
    }

    public string StepId() => Text(StepFirst, StepChars, 1 + _random.Next(10));

    public int? Item() => _random.Next(3) switch
    {
        0 => null,
        1 => _random.Next(10),
        _ => _random.Next(),
    };

    public WorkflowStepRef StepRef() => WorkflowStepRef.Create(StepId(), Item());

    public WorkflowInstanceId Instance()
    {
        var id = WorkflowInstanceId.Create(Root());
        for (var depth = _random.Next(4); depth > 0; depth--)
        {
            if (!id.TryChild(StepRef(), out var child))
            {
                break;
            }

            id = child;
        }

        return id;
    }

    public int Attempt() => _random.Next(2) == 0 ? 1 + _random.Next(5) : 1 + _random.Next(int.MaxValue - 1);

    private string Text(string first, string rest, int length)
    {
        var text = new StringBuilder(length);
        text.Append(first[_random.Next(first.Length)]);
        for (var i = 1; i < length; i++)
        {
            text.Append(rest[_random.Next(rest.Length)]);
        }

        return text.ToString();
    }
}
