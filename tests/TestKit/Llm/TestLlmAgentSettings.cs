using System.Globalization;

namespace AgentPlatform.TestKit.Llm;

/// <summary>The host's environment variables that configure LLM agents (<c>Llm:Agents:&lt;name&gt;</c>) on a test LLM server.</summary>
public static class TestLlmAgentSettings
{
    /// <summary>Adds agent <paramref name="name"/> to <paramref name="settings"/>: model <paramref name="model"/> at
    /// <paramref name="endpoint"/> with key <paramref name="apiKey"/>, one capability with its proficiency, and a
    /// <c>ResponseSchema</c> when <paramref name="responseSchema"/> is given.</summary>
    public static void Add(
        IDictionary<string, string> settings, string name, Uri endpoint, string model, string apiKey, string capability, double proficiency,
        string? responseSchema = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(endpoint);
        var prefix = $"Llm__Agents__{name}__";
        settings[prefix + "Endpoint"] = endpoint.ToString();
        settings[prefix + "Model"] = model;
        settings[prefix + "ApiKey"] = apiKey;
        settings[prefix + "Capabilities__" + capability] = proficiency.ToString(CultureInfo.InvariantCulture);
        if (responseSchema is not null)
        {
            settings[prefix + "ResponseSchema"] = responseSchema;
        }
    }
}
