using System.Reflection;
using System.Runtime.Loader;

namespace AgentPlatform.AgentHost.Hosting;

/// <summary>Loads the agent assemblies named in <see cref="HostedAgentsOptions"/> into the default load context and finds classes
/// in them, collecting every problem instead of stopping at the first.</summary>
/// <remarks>The default context, so an agent assembly shares the host's copy of the platform assemblies it references; its own
/// dependencies are resolved from its folder.</remarks>
internal sealed class AgentAssemblyLoader
{
    private readonly List<Assembly> _assemblies = [];

    public List<string> Problems { get; } = [];

    public void Load(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var fullPath = Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                Problems.Add($"Agents:Assemblies: the agent assembly '{path}' does not exist (looked for {fullPath}).");
                continue;
            }

            try
            {
                var resolver = new AssemblyDependencyResolver(fullPath);
                AssemblyLoadContext.Default.Resolving += (context, name) =>
                    resolver.ResolveAssemblyToPath(name) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;
                _assemblies.Add(AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath));
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or IOException)
            {
                Problems.Add($"Agents:Assemblies: '{path}' cannot be loaded as an assembly: {e.Message}");
            }
        }
    }

    /// <summary>The class named <paramref name="fullName"/> in a loaded agent assembly, or null after recording a problem.</summary>
    public Type? Find(string setting, string fullName)
    {
        var found = _assemblies.Select(a => a.GetType(fullName, throwOnError: false)).FirstOrDefault(t => t is not null);
        if (found is null)
        {
            Problems.Add(_assemblies.Count == 0
                ? $"{setting}: class '{fullName}' cannot be found: no agent assembly is loaded (set Agents:Assemblies)."
                : $"{setting}: class '{fullName}' is in none of the agent assemblies ({string.Join(", ", _assemblies.Select(a => a.GetName().Name))}).");
        }

        return found;
    }
}
