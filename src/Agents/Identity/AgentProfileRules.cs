namespace AgentPlatform.Agents.Identity;

/// <summary>The limits of agent profiles, shared by the HTTP edge and the store.</summary>
/// <remarks>Names: 3-64 characters <c>[A-Za-z0-9_-]</c>. Description ≤ 2,000 characters; emoji ≤ 16 characters;
/// ≤ 64 capabilities, names 1-64 characters <c>[a-z0-9_.-]</c>, proficiency a finite number in [0, 1].
/// Free text may not contain control characters other than tab, line feed and carriage return (description only).</remarks>
public static class AgentProfileRules
{
    /// <summary>The shortest agent name.</summary>
    public const int MinNameLength = 3;

    /// <summary>The longest agent name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest description.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>The longest emoji text.</summary>
    public const int MaxEmojiLength = 16;

    /// <summary>The most capabilities one agent may declare.</summary>
    public const int MaxCapabilities = 64;

    /// <summary>The longest capability name.</summary>
    public const int MaxCapabilityNameLength = 64;

    /// <summary>Checks an agent name.</summary>
    public static void ValidateName(string? name, ICollection<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (name is null)
        {
            errors.Add(new("name", "is required"));
        }
        else if (name.Length is < MinNameLength or > MaxNameLength)
        {
            errors.Add(new("name", $"must be {MinNameLength}-{MaxNameLength} characters"));
        }
        else if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            errors.Add(new("name", "may contain only letters, digits, '_' and '-'"));
        }
    }

    /// <summary>Checks a description.</summary>
    public static void ValidateDescription(string? description, ICollection<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (description is null)
        {
            return;
        }

        if (description.Length > MaxDescriptionLength)
        {
            errors.Add(new("description", $"must be at most {MaxDescriptionLength} characters"));
        }
        else if (description.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            errors.Add(new("description", "must not contain control characters"));
        }
    }

    /// <summary>Checks an emoji.</summary>
    public static void ValidateEmoji(string? emoji, ICollection<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (emoji is null)
        {
            return;
        }

        if (emoji.Length is 0 or > MaxEmojiLength)
        {
            errors.Add(new("emoji", $"must be 1-{MaxEmojiLength} characters"));
        }
        else if (emoji.Any(char.IsControl) || emoji.Any(char.IsWhiteSpace))
        {
            errors.Add(new("emoji", "must not contain control characters or spaces"));
        }
    }

    /// <summary>Checks a capability map.</summary>
    public static void ValidateCapabilities(IReadOnlyDictionary<string, double>? capabilities, ICollection<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (capabilities is null)
        {
            return;
        }

        if (capabilities.Count > MaxCapabilities)
        {
            errors.Add(new("capabilities", $"must have at most {MaxCapabilities} entries"));
            return;
        }

        foreach (var (name, proficiency) in capabilities)
        {
            if (!IsCapabilityName(name))
            {
                errors.Add(new($"capabilities.{Printable(name)}", $"name must be 1-{MaxCapabilityNameLength} characters of [a-z0-9_.-]"));
            }
            else if (!double.IsFinite(proficiency) || proficiency is < 0 or > 1)
            {
                errors.Add(new($"capabilities.{name}", "proficiency must be between 0 and 1"));
            }
        }
    }

    /// <summary>True when <paramref name="name"/> is a valid capability name.</summary>
    public static bool IsCapabilityName(string? name) =>
        name is { Length: > 0 and <= MaxCapabilityNameLength }
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.' or '-');

    /// <summary>Checks a whole registration.</summary>
    public static IReadOnlyList<ProfileError> Validate(AgentRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var errors = new List<ProfileError>();
        ValidateName(registration.Name, errors);
        ValidateDescription(registration.Description, errors);
        ValidateEmoji(registration.Emoji, errors);
        ValidateCapabilities(registration.Capabilities, errors);
        return errors;
    }

    private static string Printable(string name)
    {
        var cut = name.Length > MaxCapabilityNameLength ? name[..MaxCapabilityNameLength] + "…" : name;
        return new string(cut.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
