namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>What a queued turn delivers to the actor.</summary>
internal enum TurnKind : byte
{
    Invoke,
    Post,
    Timer,
    Reminder,
    Deactivate,
}
