using System.Collections.Frozen;

namespace AgentPlatform.Agents.Core;

/// <summary>The names message types travel under, independent of CLR names, so agents in other languages can send typed messages
/// to C# agents and a renamed class keeps its wire name.</summary>
/// <remarks>
/// <para>A registered type travels under its wire name (the envelope's <c>messageType</c> and the CloudEvent type). On receipt a
/// name is looked up among wire names, then aliases, then the CLR full names of registered types, so envelopes stored before a
/// type was registered (under its CLR name) still resolve. A type not registered travels under its CLR full name, as before
/// the registry existed, and a routed agent resolves it from its handlers' parameter types.</para>
/// <para>Register at start-up with <c>AddAgents().AddMessageType&lt;T&gt;(name)</c>; <see cref="Add"/> also works later. Lookups
/// read an immutable table and take no lock.</para>
/// </remarks>
public sealed class MessageSerializerRegistry
{
    private readonly Lock _gate = new();
    private FrozenDictionary<Type, string> _names = FrozenDictionary<Type, string>.Empty;
    private FrozenDictionary<string, Type> _types = FrozenDictionary<string, Type>.Empty;

    /// <summary>Creates a registry holding <paramref name="registrations"/>.</summary>
    /// <exception cref="ArgumentException">A name is taken by two types, or a type has two wire names.</exception>
    public MessageSerializerRegistry(IEnumerable<MessageTypeRegistration>? registrations = null)
    {
        foreach (var registration in registrations ?? [])
        {
            Add(registration);
        }
    }

    /// <summary>True when no type is registered: every message travels under its CLR name.</summary>
    public bool IsEmpty => _names.Count == 0;

    /// <summary>Registers a message type under its wire name and aliases.</summary>
    /// <exception cref="ArgumentException">A name is taken by another type, or the type already has another wire name.</exception>
    public void Add(MessageTypeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (_gate)
        {
            if (_names.TryGetValue(registration.Type, out var existing) && existing != registration.WireName)
            {
                throw new ArgumentException(
                    $"Message type {registration.Type.FullName} is registered as '{existing}' and cannot also be '{registration.WireName}'.", nameof(registration));
            }

            var types = new Dictionary<string, Type>(_types, StringComparer.Ordinal);
            foreach (var name in registration.Names.Append(AgentEnvelope.TypeName(registration.Type)))
            {
                if (types.TryGetValue(name, out var taken) && taken != registration.Type)
                {
                    throw new ArgumentException($"Message type name '{name}' is taken by {taken.FullName}.", nameof(registration));
                }

                types[name] = registration.Type;
            }

            var names = new Dictionary<Type, string>(_names) { [registration.Type] = registration.WireName };
            _types = types.ToFrozenDictionary(StringComparer.Ordinal);
            _names = names.ToFrozenDictionary();
        }
    }

    /// <summary>The name a message of <paramref name="type"/> travels under: its wire name, or its CLR full name when not registered.</summary>
    public string NameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return _names.Count != 0 && _names.TryGetValue(type, out var name) ? name : AgentEnvelope.TypeName(type);
    }

    /// <summary>Finds the registered type a wire name, alias or CLR full name stands for.</summary>
    public bool TryGetType(string name, out Type type) => _types.TryGetValue(name, out type!);
}
