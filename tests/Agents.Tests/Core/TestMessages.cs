namespace AgentPlatform.Agents.Tests.Core;

internal sealed record Ping(string Text);

internal sealed record Measure(string Text);

internal sealed record Shout(string Text);

internal sealed record Hang(string Text);

internal sealed record Unrelated(int Value);

internal interface INamed
{
    string Name { get; }
}

internal abstract record Animal(string Name);

internal sealed record Dog(string Name) : Animal(Name);

internal sealed record Cat(string Name) : Animal(Name);

internal sealed record Robot(string Name) : INamed;

internal sealed record Job(int Priority);

internal sealed record Headline(string Text);

internal sealed record Increment(int By);

internal sealed record Note(string Text);

internal sealed record ReadNote;

internal sealed record Fail(string Text);
