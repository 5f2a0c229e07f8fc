namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Method names of the definition and catalog actors.</summary>
internal static class DefinitionMethods
{
    /// <summary>Stores a version; answers a <see cref="Operations.DefinitionRegistration"/>.</summary>
    public const string Register = "register";

    /// <summary>Answers one version (payload: the version number, 0 for the latest), or null.</summary>
    public const string Get = "get";

    /// <summary>Answers the registered version numbers, ascending.</summary>
    public const string Versions = "versions";

    /// <summary>Catalog: adds a definition id.</summary>
    public const string CatalogAdd = "add";

    /// <summary>Catalog: answers every definition id, sorted.</summary>
    public const string CatalogList = "list";
}
