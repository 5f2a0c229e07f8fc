using System.Diagnostics.Metrics;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Channels;

/// <summary>Channels and inboxes wired by hand, for hosts without a DI container (benchmarks, tools);
/// <c>services.AddChannels()</c> does the same through DI.</summary>
/// <remarks>Host <see cref="ActorTypes"/> with the actor runtime, then create the services over that runtime.</remarks>
public sealed class ChannelSystem
{
    private readonly ChannelContext _context;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    private ChannelSystem(ChannelContext context, TimeProvider time, ILoggerFactory loggers)
    {
        _context = context;
        _time = time;
        _loggers = loggers;
        ActorTypes = [.. TypeNames.Select(type => new ActorTypeRegistration(type, Activate))];
    }

    /// <summary>The names of the actor types in <see cref="ActorTypes"/>.</summary>
    internal static IReadOnlyList<string> TypeNames { get; } = [ChannelActor.TypeName, ChannelDirectoryActor.TypeName, InboxActor.TypeName];

    /// <summary>The actor types (<c>channel</c>, <c>channel-directory</c>, <c>inbox</c>) the runtime must host.</summary>
    public IReadOnlyList<ActorTypeRegistration> ActorTypes { get; }

    /// <summary>The in-process wake-ups of waiting inbox readers.</summary>
    public InboxSignals Signals => _context.Signals;

    /// <summary>The channel instruments.</summary>
    public ChannelMetrics Metrics => _context.Metrics;

    /// <summary>Creates the system from validated options.</summary>
    /// <exception cref="OptionsValidationException">The options are not valid.</exception>
    /// <param name="channels">Channel settings.</param>
    /// <param name="inbox">Inbox settings.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="loggers">Loggers; none when null.</param>
    /// <param name="meters">The meter factory of the instruments; a meter of their own when null.</param>
    /// <param name="pubSub">The pub/sub that channels opting in publish their messages to; without one they publish nothing.</param>
    public static ChannelSystem Create(
        ChannelOptions channels,
        InboxOptions inbox,
        TimeProvider? time = null,
        ILoggerFactory? loggers = null,
        IMeterFactory? meters = null,
        IPubSub? pubSub = null) =>
        Create(channels, inbox, new InboxSignals(), new ChannelMetrics(meters), time, loggers, pubSub);

    internal static ChannelSystem Create(
        ChannelOptions channels, InboxOptions inbox, InboxSignals signals, ChannelMetrics metrics, TimeProvider? time, ILoggerFactory? loggers, IPubSub? pubSub)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(inbox);
        var failures = new ChannelOptionsValidator().Validate(null, channels).Failures ?? [];
        failures = failures.Concat(new InboxOptionsValidator().Validate(null, inbox).Failures ?? []);
        if (failures.Any())
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ChannelOptions), failures);
        }

        loggers ??= NullLoggerFactory.Instance;
        var context = new ChannelContext(channels, inbox, signals, metrics, pubSub, loggers.CreateLogger<ChannelService>());
        return new ChannelSystem(context, time ?? TimeProvider.System, loggers);
    }

    /// <summary>Creates the channel service calling channel actors through <paramref name="runtime"/>.</summary>
    public ChannelService CreateChannelService(IActorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var options = Options.Create(_context.Channels);
        return new ChannelService(
            runtime,
            new ChannelPostBatcher(runtime, options, _loggers.CreateLogger<ChannelPostBatcher>()),
            options,
            _time,
            _context.Metrics,
            _loggers.CreateLogger<ChannelService>());
    }

    /// <summary>Creates the actor object of an activation of one of <see cref="TypeNames"/>.</summary>
    internal Actor Activate(ActorHost host) => host.Id.Type switch
    {
        ChannelActor.TypeName => new ChannelActor(host, _context),
        ChannelDirectoryActor.TypeName => new ChannelDirectoryActor(host),
        InboxActor.TypeName => new InboxActor(host, _context),
        _ => throw new ActorTypeNotRegisteredException(host.Id.Type),
    };

    /// <summary>Creates the inbox service calling inbox actors through <paramref name="runtime"/>.</summary>
    public InboxService CreateInboxService(IActorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new InboxService(runtime, _context.Signals, _time, Options.Create(_context.Inbox));
    }
}
