using System.Globalization;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Registry;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.AgentHost.Registry;

/// <summary>Reads the query of <c>GET /registry/match</c>: <c>capabilities=name[:weight],...</c>, <c>min_confidence</c>, <c>role</c> and
/// <c>agents=id,...</c> (a step's candidate set); every problem names its field.</summary>
internal static class CapabilityQuery
{
    /// <summary>The longest <c>capabilities</c> value accepted: room for dozens of long names with weights, well under Kestrel's
    /// 8 KiB request line (past which Kestrel itself answers 414 without a problem body).</summary>
    public const int MaxLength = 4096;

    /// <summary>The longest <c>agents</c> value accepted, for the same reason.</summary>
    public const int MaxCandidatesLength = 4096;

    public static CapabilityRequest? Parse(string? capabilities, string? minConfidence, string? role, string? agents, List<FieldError> errors)
    {
        var wantedRole = AgentRoleInput.Parse(role, errors);
        var weights = ParseWeights(capabilities, errors);
        var candidates = ParseCandidates(agents, errors);
        var confidence = 0.0;
        if (minConfidence is not null
            && (minConfidence.Length is 0 or > 32
                || !double.TryParse(minConfidence, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out confidence)
                || !double.IsFinite(confidence) || confidence > 1))
        {
            errors.Add(new FieldError("min_confidence", "must be a number between 0 and 1"));
        }

        return weights is null || errors.Count > 0 ? null : CapabilityRequest.Create(weights, confidence, wantedRole, candidates);
    }

    /// <summary>The candidate set of <c>agents=id,...</c>, as a step's <c>agents</c> option narrows its matches; null when absent.</summary>
    private static HashSet<string>? ParseCandidates(string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        var ids = text.Split(',');
        if (text.Length is 0 or > MaxCandidatesLength || ids.Length > CapabilityRequest.MaxCandidates)
        {
            errors.Add(new FieldError("agents", $"must list 1-{CapabilityRequest.MaxCandidates} agent ids, comma-separated, in at most {MaxCandidatesLength} characters"));
            return null;
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < ids.Length; index++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"agents[{index}]");
            if (!WorkflowNames.IsValidAgentId(ids[index]))
            {
                errors.Add(new FieldError(field, WorkflowNames.AgentIdRule));
            }
            else if (!candidates.Add(ids[index]))
            {
                errors.Add(new FieldError(field, $"'{ids[index]}' is named twice"));
            }
        }

        return candidates;
    }

    private static Dictionary<string, double>? ParseWeights(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new FieldError("capabilities", "is required: name[:weight],... (weight defaults to 1)"));
            return null;
        }

        if (text.Length > MaxLength)
        {
            errors.Add(new FieldError("capabilities", $"must be at most {MaxLength} characters"));
            return null;
        }

        var parts = text.Split(',');
        if (parts.Length > CapabilityRequest.MaxCapabilities)
        {
            errors.Add(new FieldError("capabilities", $"may name at most {CapabilityRequest.MaxCapabilities} capabilities"));
            return null;
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? part : part[..colon];
            if (!AgentProfileRules.IsCapabilityName(name))
            {
                errors.Add(new FieldError("capabilities", $"'{Problems.Printable(name)}' is not a capability name (1-{AgentProfileRules.MaxCapabilityNameLength} characters of [a-z0-9_.-])"));
                continue;
            }

            var weight = 1.0;
            if (colon >= 0
                && (colon + 1 == part.Length || part.Length - colon > 33
                    || !double.TryParse(part.AsSpan(colon + 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out weight)
                    || !double.IsFinite(weight) || weight <= 0 || weight > CapabilityRequest.MaxWeight))
            {
                errors.Add(new FieldError($"capabilities.{name}", $"weight must be a number greater than 0 and at most {CapabilityRequest.MaxWeight}"));
                continue;
            }

            if (!weights.TryAdd(name, weight))
            {
                errors.Add(new FieldError($"capabilities.{name}", "is named twice"));
            }
        }

        return weights;
    }
}
