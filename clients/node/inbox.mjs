// The inbox as an async iterable of leased deliveries.
import grpc from '@grpc/grpc-js';
import { ApiError } from './errors.mjs';

/** The message kind as the HTTP API spells it: post, system, direct, task or request ('' when unspecified). */
export function kindName(message) {
  const name = String(message.kind ?? '');
  return name === 'MESSAGE_KIND_UNSPECIFIED' ? '' : name.replace(/^MESSAGE_KIND_/, '').toLowerCase();
}

/** The task JSON of a MESSAGE_KIND_TASK delivery (type `task` or `task_cancelled`), else null. */
export function taskOf(delivery) {
  return delivery.message.kind === 'MESSAGE_KIND_TASK' ? JSON.parse(delivery.message.content) : null;
}

/** The request JSON of a MESSAGE_KIND_REQUEST delivery (request_id, content, expires_at), else null. */
export function requestOf(delivery) {
  return delivery.message.kind === 'MESSAGE_KIND_REQUEST' ? JSON.parse(delivery.message.content) : null;
}

/**
 * The deliveries of InboxService.Subscribe until cancelled: `for await (const delivery of stream)`. Each delivery is
 * leased: acknowledge it with AgentClient.ack (or hand it back with nack); what is not settled comes again after the
 * host's ack timeout, also when the stream is cancelled or the process dies mid-stream.
 */
export class InboxStream {
  #call;
  #queue = [];
  #waiting = null;
  #ended = false;
  #error = null;
  #cancelled = false;
  #onEnd;

  /** Wraps a grpc-js server-streaming call; `onEnd` runs once when the stream ends for any reason. */
  constructor(call, onEnd = () => {}) {
    this.#call = call;
    this.#onEnd = onEnd;
    call.on('data', (delivery) => this.#push(delivery));
    call.on('error', (error) => {
      if (!(this.#cancelled && error.code === grpc.status.CANCELLED)) {
        this.#error = ApiError.fromServiceError('InboxService.Subscribe', error);
      }
      this.#end();
    });
    call.on('end', () => this.#end());
  }

  /** Closes the stream; an iteration in progress ends without error. */
  cancel() {
    this.#cancelled = true;
    this.#call.cancel();
    this.#end();
  }

  /** True once the stream has ended (cancelled, failed or closed by the host). */
  get ended() {
    return this.#ended && this.#queue.length === 0;
  }

  /**
   * The next delivery; null when none came within `waitMs` or the stream ended (rejects with ApiError when it failed).
   */
  async read(waitMs = Infinity) {
    const deadline = Date.now() + waitMs;
    while (this.#queue.length === 0) {
      if (this.#error) throw this.#error;
      const left = deadline - Date.now();
      if (this.#ended || left <= 0) return null;
      await new Promise((resolve) => {
        const timer = Number.isFinite(left) ? setTimeout(resolve, left) : null;
        this.#waiting = () => {
          if (timer) clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.#queue.shift();
  }

  async *[Symbol.asyncIterator]() {
    for (let delivery = await this.read(); delivery !== null; delivery = await this.read()) {
      yield delivery;
    }
  }

  #push(delivery) {
    this.#queue.push(delivery);
    this.#wake();
  }

  #end() {
    if (!this.#ended) this.#onEnd();
    this.#ended = true;
    this.#wake();
  }

  #wake() {
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.();
  }
}
