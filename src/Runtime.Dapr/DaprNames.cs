namespace AgentPlatform.Runtime.Dapr;

/// <summary>The names the platform shares with Dapr: app id, component names, topics, actor types and pod annotations.</summary>
/// <remarks>
/// <c>components/</c>, <c>dapr.yaml</c> and <c>helm/agent-platform</c> use exactly these strings, and
/// <c>tests/Runtime.Dapr.Tests</c> parses those files against this class, so renaming one here without the files (or the
/// other way round) fails a test. Every component variant (slim, local, production) reuses the same component names, so
/// code never changes with the infrastructure.
/// </remarks>
public static class DaprNames
{
    /// <summary>The Dapr app id of the platform host; every replica shares it.</summary>
    public const string AppId = "agent-platform";

    /// <summary>The names of the Dapr resources (components, resiliency, configuration) the host expects.</summary>
    public static class Components
    {
        /// <summary>The state store for platform data outside actors (workflow definitions, registry data).</summary>
        public const string StateStore = "statestore";

        /// <summary>The state store that holds actor state; the only component with <c>actorStateStore: "true"</c>.</summary>
        /// <remarks>Dapr allows one actor state store per app. It is a separate component from <see cref="StateStore"/> so
        /// that its backend or table can be sized and backed up on its own.</remarks>
        public const string ActorStateStore = "actorstore";

        /// <summary>The pub/sub whose subscribers compete per app id: agent messages, status changes and the opt-in
        /// <c>channel.&lt;id&gt;</c> topics that non-.NET agents read with their own sidecars.</summary>
        public const string PubSub = "pubsub";

        /// <summary>The pub/sub every host replica reads in full (one consumer group per replica), carrying
        /// <see cref="Topics.Broadcast"/>; scoped to <see cref="AppId"/> only.</summary>
        public const string BroadcastPubSub = "pubsub-broadcast";

        /// <summary>The secret store for the operator token and LLM keys.</summary>
        public const string SecretStore = "secretstore";

        /// <summary>The <c>Resiliency</c> resource with the platform's retry, timeout and circuit-breaker policies.</summary>
        public const string Resiliency = "agent-platform-resiliency";

        /// <summary>The <c>Configuration</c> resource (tracing, metrics, feature flags) named by <c>dapr.io/config</c>.</summary>
        public const string Configuration = "agent-platform-config";

        /// <summary>All component names, for checks that a file defines only known components.</summary>
        public static IReadOnlyList<string> All { get; } = [StateStore, ActorStateStore, PubSub, BroadcastPubSub, SecretStore];
    }

    /// <summary>The pub/sub topics the platform publishes and subscribes to.</summary>
    public static class Topics
    {
        /// <summary>Every committed channel post, with the channel id as the CloudEvent <c>subject</c>; on
        /// <see cref="Components.BroadcastPubSub"/>, so each host replica wakes its long-polls and SSE readers.</summary>
        public const string ChannelPosts = "channels.posts";

        /// <summary>The prefix of the per-channel topics (<c>channel.&lt;id&gt;</c>) a channel may opt in to, for agents with
        /// their own sidecars; on <see cref="Components.PubSub"/> and granted per app through subscription scopes.</summary>
        public const string ChannelPrefix = "channel.";

        /// <summary>Messages published between agents (the programming model's publish).</summary>
        public const string AgentMessages = "agents.messages";

        /// <summary>Agent status changes from the liveness actors.</summary>
        public const string AgentStatus = "agents.status";

        /// <summary>Registry entries of agents (status, load, capabilities, track record) from the presence actors; every host
        /// replica must receive each one to keep its in-memory matching index fresh, so it is on
        /// <see cref="Components.BroadcastPubSub"/>.</summary>
        public const string AgentRegistry = "agents.registry";

        /// <summary>Wake-ups of inbox readers for direct messages, tasks and hand-backs, naming the agents whose readers should
        /// look again; on <see cref="Components.BroadcastPubSub"/>, because a reader may wait on any replica.</summary>
        public const string AgentInbox = "agents.inbox";

        /// <summary>Changes of an agent's identity (profile, keys, deletion): every replica drops its cached copy; on
        /// <see cref="Components.BroadcastPubSub"/>.</summary>
        public const string AgentIdentity = "agents.identity";

        /// <summary>Where Dapr puts a delivery that was dropped or ran out of retries, on either pub/sub component.</summary>
        public const string DeadLetter = "platform.dead-letter";

        /// <summary>The topic a channel publishes to when it opts in to a per-channel topic.</summary>
        /// <param name="channelId">The channel id (already validated as a channel id).</param>
        /// <returns><see cref="ChannelPrefix"/> followed by <paramref name="channelId"/>.</returns>
        public static string ForChannel(string channelId)
        {
            ArgumentException.ThrowIfNullOrEmpty(channelId);
            return ChannelPrefix + channelId;
        }

        /// <summary>The topics on <see cref="Components.BroadcastPubSub"/>, which every host replica receives in full.</summary>
        public static IReadOnlyList<string> Broadcast { get; } = [ChannelPosts, AgentRegistry, AgentInbox, AgentIdentity];

        /// <summary>The fixed platform topics (not the per-channel ones).</summary>
        public static IReadOnlyList<string> Platform { get; } =
            [ChannelPosts, AgentRegistry, AgentInbox, AgentIdentity, AgentMessages, AgentStatus, DeadLetter];
    }

    /// <summary>The platform's actor types, as registered with the runtime and reported to Dapr in <c>/dapr/config</c>.</summary>
    /// <remarks>Agent types defined by users (<c>RoutedAgent</c>) add their own actor types at start-up and are not listed here.</remarks>
    public static class ActorTypes
    {
        /// <summary>One agent's identity and API keys.</summary>
        public const string AgentIdentity = "agent-identity";

        /// <summary>The directory of registered agent names.</summary>
        public const string AgentDirectory = "agent-directory";

        /// <summary>One agent's presence: heartbeats, liveness and its offline reminder, load, task limit and track record.</summary>
        public const string AgentPresence = "agent-presence";

        /// <summary>One agent's scoped workflow rights and the instances it started.</summary>
        public const string AgentRights = "agent-rights";

        /// <summary>One task attempt handed to an agent: assignment, lease and outcome.</summary>
        public const string AgentTask = "agent-task";

        /// <summary>The agents a workflow step must not be given to again (their attempt failed, was rejected or timed out).</summary>
        public const string AgentTaskExclusions = "agent-task-exclusions";

        /// <summary>One agent-to-agent request waiting for its reply.</summary>
        public const string AgentRequest = "agent-request";

        /// <summary>One channel: profile, members and the durable, sequenced message log.</summary>
        public const string Channel = "channel";

        /// <summary>The directory of channel ids.</summary>
        public const string ChannelDirectory = "channel-directory";

        /// <summary>One agent's inbox: cursors into channel logs, direct messages and leases.</summary>
        public const string Inbox = "inbox";

        /// <summary>The LLM agents registered through the operator API.</summary>
        public const string LlmAgentDirectory = "llm-agent-directory";

        /// <summary>Every declared team (one state key per team).</summary>
        public const string TeamCatalog = "team-catalog";

        /// <summary>One workflow instance and its history.</summary>
        public const string Workflow = "workflow";

        /// <summary>A shard of the workflow instance index.</summary>
        public const string WorkflowIndex = "workflow-index";

        /// <summary>One workflow definition with all its versions.</summary>
        public const string WorkflowDefinition = "workflow-definition";

        /// <summary>The catalog of workflow definition ids.</summary>
        public const string WorkflowCatalog = "workflow-catalog";

        /// <summary>All platform actor types.</summary>
        public static IReadOnlyList<string> All { get; } =
        [
            AgentIdentity, AgentDirectory, AgentPresence, AgentRights, AgentTask, AgentTaskExclusions, AgentRequest, Channel, ChannelDirectory, Inbox,
            LlmAgentDirectory, TeamCatalog, Workflow, WorkflowIndex, WorkflowDefinition, WorkflowCatalog,
        ];
    }

    /// <summary>The Dapr pod annotations the Helm chart sets on the host's pods.</summary>
    public static class Annotations
    {
        /// <summary>Turns sidecar injection on.</summary>
        public const string Enabled = "dapr.io/enabled";

        /// <summary>The app id; must equal <see cref="AppId"/>.</summary>
        public const string AppId = "dapr.io/app-id";

        /// <summary>The port the host listens on for sidecar callbacks.</summary>
        public const string AppPort = "dapr.io/app-port";

        /// <summary>The protocol of the app channel (<c>http</c>).</summary>
        public const string AppProtocol = "dapr.io/app-protocol";

        /// <summary>The name of the <c>Configuration</c> resource; must equal <see cref="Components.Configuration"/>.</summary>
        public const string Config = "dapr.io/config";

        /// <summary>The Kubernetes secret whose <c>token</c> key becomes daprd's <c>DAPR_API_TOKEN</c>.</summary>
        public const string ApiTokenSecret = "dapr.io/api-token-secret";

        /// <summary>The Kubernetes secret whose <c>token</c> key becomes daprd's <c>APP_API_TOKEN</c>.</summary>
        public const string AppTokenSecret = "dapr.io/app-token-secret";

        /// <summary>Turns daprd's app health checks on.</summary>
        public const string EnableAppHealthCheck = "dapr.io/enable-app-health-check";

        /// <summary>The path daprd probes when app health checks are on.</summary>
        public const string AppHealthCheckPath = "dapr.io/app-health-check-path";

        /// <summary>The sidecar's log level.</summary>
        public const string LogLevel = "dapr.io/log-level";

        /// <summary>Turns the sidecar's metrics endpoint on.</summary>
        public const string EnableMetrics = "dapr.io/enable-metrics";

        /// <summary>The sidecar's metrics port.</summary>
        public const string MetricsPort = "dapr.io/metrics-port";

        /// <summary>The sidecar's CPU request.</summary>
        public const string SidecarCpuRequest = "dapr.io/sidecar-cpu-request";

        /// <summary>The sidecar's CPU limit.</summary>
        public const string SidecarCpuLimit = "dapr.io/sidecar-cpu-limit";

        /// <summary>The sidecar's memory request.</summary>
        public const string SidecarMemoryRequest = "dapr.io/sidecar-memory-request";

        /// <summary>The sidecar's memory limit.</summary>
        public const string SidecarMemoryLimit = "dapr.io/sidecar-memory-limit";

        /// <summary>How long the sidecar waits for the app when the pod shuts down.</summary>
        public const string GracefulShutdownSeconds = "dapr.io/graceful-shutdown-seconds";

        /// <summary>All annotations the chart may set.</summary>
        public static IReadOnlyList<string> All { get; } =
        [
            Enabled, AppId, AppPort, AppProtocol, Config, ApiTokenSecret, AppTokenSecret, EnableAppHealthCheck,
            AppHealthCheckPath, LogLevel, EnableMetrics, MetricsPort, SidecarCpuRequest, SidecarCpuLimit,
            SidecarMemoryRequest, SidecarMemoryLimit, GracefulShutdownSeconds,
        ];
    }
}
