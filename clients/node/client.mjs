// A typed client of the Agent Platform gRPC API (package agentplatform.v1) for one agent.
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { ApiError } from './errors.mjs';
import { InboxStream } from './inbox.mjs';
import { toValue } from './json-value.mjs';

const protoRoot = fileURLToPath(new URL('../../protos', import.meta.url));
const definition = protoLoader.loadSync(
  ['agents', 'channels', 'inbox', 'messages', 'requests', 'tasks'].map((name) => `agentplatform/v1/${name}.proto`),
  // Fields keep their proto (snake_case) names, like the HTTP API's JSON; enums are their names; int64 are strings.
  { includeDirs: [protoRoot], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true },
);
const v1 = grpc.loadPackageDefinition(definition).agentplatform.v1;

const priorities = { high: 'PRIORITY_HIGH', normal: 'PRIORITY_NORMAL', low: 'PRIORITY_LOW' };
const declared = { idle: 'DECLARED_STATUS_IDLE', busy: 'DECLARED_STATUS_BUSY', waiting: 'DECLARED_STATUS_WAITING' };

function enumValue(names, value, what) {
  if (value === undefined || value === null) return undefined;
  if (!(value in names)) throw new TypeError(`${what} must be one of ${Object.keys(names).join(', ')}, not ${value}`);
  return names[value];
}

function optional(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
}

/**
 * One agent's connection to the platform over gRPC (h2c), e.g. `new AgentClient('127.0.0.1:5081')`.
 *
 * Call `register` first (it keeps the key), or pass the `apiKey` of an agent registered before. Every call but
 * `register` sends `authorization: Bearer <key>`. Failures reject with ApiError. With `rateLimitRetries` > 0 a call
 * answered RESOURCE_EXHAUSTED waits for the RetryInfo delay and tries again that many times, telling
 * `onRateLimited(delaySeconds)` each time.
 */
export class AgentClient {
  #streams = new Set();

  constructor(target, { apiKey = null, timeoutMs = 30_000, rateLimitRetries = 0, onRateLimited = null } = {}) {
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
    this.rateLimitRetries = rateLimitRetries;
    this.onRateLimited = onRateLimited;
    const credentials = grpc.credentials.createInsecure();
    this.agents = new v1.AgentService(target, credentials);
    // The other services share the first one's connection.
    const shared = { channelOverride: this.agents.getChannel() };
    this.channels = new v1.ChannelService(target, credentials, shared);
    this.inbox = new v1.InboxService(target, credentials, shared);
    this.tasks = new v1.TaskService(target, credentials, shared);
    this.requests = new v1.RequestService(target, credentials, shared);
  }

  // Identity and liveness

  /** Registers an agent, keeps its key for the calls that follow and resolves to `{ agent, api_key }`. */
  async register(name, { description, emoji, capabilities = {}, maxConcurrentTasks, heartbeatIntervalSeconds } = {}) {
    const request = {
      name, capabilities,
      ...optional({ description, emoji, max_concurrent_tasks: maxConcurrentTasks, heartbeat_interval_seconds: heartbeatIntervalSeconds }),
    };
    const answer = await this.#call(this.agents, 'register', 'AgentService.Register', request, { authorized: false });
    this.apiKey = answer.api_key;
    return answer;
  }

  /** The agent's own AgentView. */
  getMe() {
    return this.#call(this.agents, 'getMe', 'AgentService.GetMe', {});
  }

  /** Changes the fields given (`capabilities` replaces the whole map) and resolves to the new AgentView. */
  updateMe({ description, emoji, capabilities, maxConcurrentTasks, heartbeatIntervalSeconds } = {}) {
    const request = optional({
      description, emoji, max_concurrent_tasks: maxConcurrentTasks, heartbeat_interval_seconds: heartbeatIntervalSeconds,
      capabilities: capabilities && { values: capabilities },
    });
    return this.#call(this.agents, 'updateMe', 'AgentService.UpdateMe', request);
  }

  /** Keeps the agent online; `status` may declare idle, busy or waiting. Resolves to the HeartbeatResponse. */
  heartbeat(status) {
    return this.#call(this.agents, 'heartbeat', 'AgentService.Heartbeat', optional({ status: enumValue(declared, status, 'status') }));
  }

  /** Issues a new key (the old one stops working at once), keeps it and resolves to it. */
  async rotateKey() {
    const answer = await this.#call(this.agents, 'rotateKey', 'AgentService.RotateKey', {});
    this.apiKey = answer.api_key;
    return answer.api_key;
  }

  // Channels

  /** Creates a channel (ALREADY_EXISTS when the id is taken) and resolves to its ChannelView. */
  createChannel(channelId, name, description) {
    return this.#call(this.channels, 'createChannel', 'ChannelService.CreateChannel', { id: channelId, name, ...optional({ description }) });
  }

  /** One page of channels: `{ channels, next_cursor }` ('' on the last page). */
  listChannels({ limit = 0, after = '' } = {}) {
    return this.#call(this.channels, 'listChannels', 'ChannelService.ListChannels', { limit, after });
  }

  /** The ChannelView of one channel. */
  getChannel(channelId) {
    return this.#call(this.channels, 'getChannel', 'ChannelService.GetChannel', { channel_id: channelId });
  }

  /** Joins a channel; the answer's `joined` is false when the agent already was a member. */
  joinChannel(channelId) {
    return this.#call(this.channels, 'joinChannel', 'ChannelService.JoinChannel', { channel_id: channelId });
  }

  /** Leaves a channel. */
  async leaveChannel(channelId) {
    await this.#call(this.channels, 'leaveChannel', 'ChannelService.LeaveChannel', { channel_id: channelId });
  }

  /** Posts to a channel the agent is a member of; `priority` is high, normal or low. Resolves to the Message. */
  postMessage(channelId, content, { title, priority } = {}) {
    const request = { channel_id: channelId, content, ...optional({ title, priority: enumValue(priorities, priority, 'priority') }) };
    return this.#call(this.channels, 'postMessage', 'ChannelService.PostMessage', request);
  }

  /** Reads the channel log after a sequence: `{ messages, next_cursor }` (int64 values are strings). */
  readMessages(channelId, { after = 0, limit = 0 } = {}) {
    return this.#call(this.channels, 'readMessages', 'ChannelService.ReadMessages', { channel_id: channelId, after: String(after), limit });
  }

  // Inbox and direct messages

  /** Opens the inbox stream: an InboxStream of leased deliveries (tasks and requests arrive on it too). */
  subscribe() {
    const stream = new InboxStream(this.inbox.subscribe({}, this.#metadata()), () => this.#streams.delete(stream));
    this.#streams.add(stream);
    return stream;
  }

  /** Settles deliveries for good; resolves to how many leased deliveries it settled. */
  async ack(deliveryIds) {
    return (await this.#call(this.inbox, 'ack', 'InboxService.Ack', { delivery_ids: [...deliveryIds] })).acknowledged;
  }

  /** Hands deliveries back for redelivery after a short back-off; resolves to how many it handed back. */
  async nack(deliveryIds) {
    return (await this.#call(this.inbox, 'nack', 'InboxService.Nack', { delivery_ids: [...deliveryIds] })).handed_back;
  }

  /** Sends a message to another agent's inbox and resolves to the Message. */
  sendDirect(agentId, content, { title, priority } = {}) {
    const request = { agent_id: agentId, content, ...optional({ title, priority: enumValue(priorities, priority, 'priority') }) };
    return this.#call(this.inbox, 'sendDirect', 'InboxService.SendDirect', request);
  }

  // Tasks

  /** Completes a task the agent holds with `output` (any JSON value); resolves to the TaskActResponse. */
  postResult(taskId, output) {
    return this.#call(this.tasks, 'postResult', 'TaskService.PostResult', { task_id: taskId, output: toValue(output) });
  }

  /** Fails a task the agent holds with an error text; resolves to the TaskActResponse. */
  postError(taskId, error) {
    return this.#call(this.tasks, 'postResult', 'TaskService.PostResult', { task_id: taskId, error });
  }

  /** Extends the task's lease (FAILED_PRECONDITION once it ended); resolves to the TaskActResponse. */
  taskHeartbeat(taskId) {
    return this.#call(this.tasks, 'heartbeat', 'TaskService.Heartbeat', { task_id: taskId });
  }

  /** Hands a task back so it goes to another agent; resolves to the TaskActResponse. */
  rejectTask(taskId, reason) {
    return this.#call(this.tasks, 'reject', 'TaskService.Reject', { task_id: taskId, ...optional({ reason }) });
  }

  // Request/reply

  /** Sends a request to another agent and waits for its reply: `{ request_id, from, content }`. */
  sendRequest(agentId, content, { priority, timeoutSeconds } = {}) {
    const request = {
      agent_id: agentId, content, ...optional({ priority: enumValue(priorities, priority, 'priority'), timeout_seconds: timeoutSeconds }),
    };
    // The host waits up to timeout_seconds (30 by default) for the reply; the call's own deadline must outlast it.
    const timeoutMs = Math.max(this.timeoutMs, ((timeoutSeconds ?? 30) + 5) * 1000);
    return this.#call(this.requests, 'send', 'RequestService.Send', request, { timeoutMs });
  }

  /** Answers a request found in the inbox; resolves to the ReplyResponse. */
  reply(requestId, content) {
    return this.#call(this.requests, 'reply', 'RequestService.Reply', { request_id: requestId, content });
  }

  /** Closes the connection; streams still open end. */
  close() {
    // grpc-js lets calls in flight outlive a closed channel; the host must see the streams go.
    for (const stream of [...this.#streams]) stream.cancel();
    this.agents.close();
  }

  #metadata() {
    if (!this.apiKey) throw new Error('no API key: call register() first or pass apiKey');
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${this.apiKey}`);
    return metadata;
  }

  async #call(service, rpc, method, request, { authorized = true, timeoutMs = this.timeoutMs } = {}) {
    const metadata = authorized ? this.#metadata() : new grpc.Metadata();
    for (let retries = this.rateLimitRetries; ; retries--) {
      try {
        return await new Promise((resolve, reject) => {
          service[rpc](request, metadata, { deadline: Date.now() + timeoutMs }, (error, answer) => (error ? reject(error) : resolve(answer)));
        });
      } catch (failure) {
        const error = ApiError.fromServiceError(method, failure);
        if (error.code !== grpc.status.RESOURCE_EXHAUSTED || error.retryDelay === null || retries <= 0) throw error;
        this.onRateLimited?.(error.retryDelay);
        await sleep(error.retryDelay * 1000);
      }
    }
  }
}
