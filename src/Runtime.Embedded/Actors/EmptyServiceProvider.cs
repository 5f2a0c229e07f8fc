namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>A service provider with no services, for runtimes built without dependency injection.</summary>
internal sealed class EmptyServiceProvider : IServiceProvider
{
    public static EmptyServiceProvider Instance { get; } = new();

    public object? GetService(Type serviceType) => null;
}
