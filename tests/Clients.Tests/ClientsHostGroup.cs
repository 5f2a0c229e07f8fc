namespace AgentPlatform.Clients.Tests;

/// <summary>The tests sharing one <see cref="ClientsHost"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClientsHostGroup : ICollectionFixture<ClientsHost>
{
    public const string Name = "clients host";
}
