// The sample agent's operations over the gRPC API, with the Node.js client in clients/node.
//
// Deliveries come from the inbox stream instead of long-polls; they are handed to the agent in the HTTP JSON shape, so
// the agent's logic is the same on both transports.
import { AgentClient, ApiError as GrpcApiError, kindName } from '../../clients/node/index.mjs';

// The HTTP status each gRPC refusal stands for (docs/grpc-api.md), so the agent's checks read the same on both transports.
const httpStatus = {
  INVALID_ARGUMENT: 400, UNAUTHENTICATED: 401, PERMISSION_DENIED: 403, NOT_FOUND: 404, ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 409, RESOURCE_EXHAUSTED: 429, DEADLINE_EXCEEDED: 504,
};

// Talks to the host's gRPC port; rejects with `new ErrorType(method, path, status, body)` like the HTTP transport. A call answered
// RESOURCE_EXHAUSTED is tried again after its RetryInfo delay, waited through `retryAfter` (a RetryAfter) as the HTTP transport
// waits a 429's Retry-After.
export class GrpcTransport {
  constructor(target, retryAfter, ErrorType, maxRetries = 10) {
    this.ErrorType = ErrorType;
    this.retryAfter = retryAfter;
    this.maxRetries = maxRetries;
    this.stream = null;
    // The client's own retries would sleep for the whole delay, whatever the deadline: they stay off, and #do retries.
    this.client = new AgentClient(target);
  }

  get hasKey() {
    return this.client.apiKey !== null;
  }

  async register(body) {
    const answer = await this.#do(() => this.client.register(body.name, {
      description: body.description, capabilities: body.capabilities, maxConcurrentTasks: body.max_concurrent_tasks,
      heartbeatIntervalSeconds: body.heartbeat_interval_seconds,
    }));
    return answer.agent.id;
  }

  async heartbeat() {
    return (await this.#do(() => this.client.heartbeat())).interval_seconds;
  }

  async createChannel(channel, description) {
    await this.#do(() => this.client.createChannel(channel, channel, description));
  }

  async joinChannel(channel) {
    await this.#do(() => this.client.joinChannel(channel));
  }

  async memberCount(channel) {
    return (await this.#do(() => this.client.getChannel(channel))).member_count;
  }

  async leaveChannel(channel) {
    await this.#do(() => this.client.leaveChannel(channel));
  }

  async post(channel, title, content, priority) {
    await this.#do(() => this.client.postMessage(channel, content, { title, priority }));
  }

  // What the stream delivered within `wait` seconds (at most `limit`), opening the stream on first use.
  async inbox(wait, limit) {
    this.stream ??= this.client.subscribe();
    const deliveries = [];
    const finish = Date.now() + wait * 1000;
    while (deliveries.length < limit) {
      const left = deliveries.length === 0 ? finish - Date.now() : 50;
      const delivery = await this.#do(() => this.stream.read(Math.max(0, left)));
      if (delivery === null) break;
      const { message } = delivery;
      deliveries.push({
        delivery_id: delivery.delivery_id, attempt: delivery.attempt,
        message: { kind: kindName(message), sender_id: message.sender_id, title: message.title, content: message.content },
      });
    }
    return deliveries;
  }

  ack(deliveryIds) {
    return this.#do(() => this.client.ack(deliveryIds));
  }

  async readLog(channel, after) {
    const page = await this.#do(() => this.client.readMessages(channel, { after, limit: 200 }));
    return [page.messages.length, Number(page.next_cursor)];
  }

  async taskHeartbeat(taskId) {
    await this.#do(() => this.client.taskHeartbeat(taskId));
  }

  async postResult(taskId, output) {
    return (await this.#do(() => this.client.postResult(taskId, output))).status;
  }

  close() {
    this.stream?.cancel();
    this.client.close();
  }

  async #do(operation) {
    let method = '(gRPC)';
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      try {
        return await operation();
      } catch (error) {
        if (!(error instanceof GrpcApiError)) throw error;
        if (error.codeName !== 'RESOURCE_EXHAUSTED' || error.retryDelay === null) {
          throw new this.ErrorType(error.method, '(gRPC)', httpStatus[error.codeName] ?? 500, { detail: error.details });
        }
        method = error.method;
        const pastTimeout = await this.retryAfter.wait(error.retryDelay);
        if (pastTimeout) throw new this.ErrorType(method, '(gRPC)', 429, { detail: pastTimeout });
      }
    }
    throw new this.ErrorType(method, '(gRPC)', 429, { detail: 'still rate limited after retries' });
  }
}

