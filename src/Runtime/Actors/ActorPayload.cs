using System.Text.Json;

namespace AgentPlatform.Runtime.Actors;

/// <summary>Reads an actor call's argument or result: the object itself in process, JSON when it crossed a process boundary.</summary>
public static class ActorPayload
{
    /// <summary>Reads the argument of <paramref name="call"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">The argument is neither a <typeparamref name="T"/> nor JSON of one.</exception>
    public static T Read<T>(ActorCall call) => Read<T>(call.Payload, call.Method);

    /// <summary>Reads <paramref name="value"/>, the argument or result of <paramref name="method"/>, as <typeparamref name="T"/>;
    /// JSON is deserialized with <see cref="ActorJson.Options"/>.</summary>
    /// <remarks>Null reads as null for reference and nullable types.</remarks>
    /// <exception cref="ArgumentException">The value is neither a <typeparamref name="T"/> nor JSON of one.</exception>
    public static T Read<T>(object? value, string method)
    {
        if (value is T typed)
        {
            return typed;
        }

        return value switch
        {
            null when default(T) is null => default!,
            JsonElement json => Deserialize<T>(json, method),
            _ => throw new ArgumentException(
                $"Actor method '{method}' carried {value?.GetType().Name ?? "null"}, not {typeof(T).Name}.", nameof(value)),
        };
    }

    private static T Deserialize<T>(JsonElement json, string method)
    {
        T? value;
        try
        {
            value = json.Deserialize<T>(ActorJson.Options);
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"Actor method '{method}' carried JSON that is not a {typeof(T).Name}: {error.Message}", nameof(json), error);
        }

        return value is not null || default(T) is null
            ? value!
            : throw new ArgumentException($"Actor method '{method}' carried null, not {typeof(T).Name}.", nameof(json));
    }
}
