using Grpc.Core;

namespace AgentPlatform.Client.Errors;

/// <summary>The request had invalid input (INVALID_ARGUMENT); <see cref="Fields"/> names every invalid field with the reason, as
/// the host's <c>google.rpc.BadRequest</c> detail did. Nothing changed.</summary>
public sealed class AgentPlatformValidationException : AgentPlatformException
{
    /// <summary>Creates the exception from the host's answer and its field violations.</summary>
    public AgentPlatformValidationException(string message, IReadOnlyDictionary<string, string> fields, Exception? innerException = null)
        : base(StatusCode.InvalidArgument, message, innerException) => Fields = fields;

    /// <summary>Creates the exception with a default message and no fields.</summary>
    public AgentPlatformValidationException()
        : this("The request had invalid input.", new Dictionary<string, string>())
    {
    }

    /// <summary>Creates the exception with the given message and no fields.</summary>
    public AgentPlatformValidationException(string message)
        : this(message, new Dictionary<string, string>())
    {
    }

    /// <summary>Creates the exception with the given message, its cause and no fields.</summary>
    public AgentPlatformValidationException(string message, Exception innerException)
        : this(message, new Dictionary<string, string>(), innerException)
    {
    }

    /// <summary>Invalid field (wire name, e.g. <c>content</c> or <c>delivery_ids[0]</c>) to what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }
}
