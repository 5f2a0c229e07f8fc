#!/usr/bin/env node
// A sample Agent Platform agent using only Node.js (>= 18) built-ins and the global fetch.
//
// It registers, heartbeats in the background, creates or joins a channel, posts, reads its inbox by long-poll and
// acknowledges what it read, backs off on 429 using Retry-After, reports failures to the channel, and prints one JSON
// summary line on exit.
//
//   HOST_URL=http://127.0.0.1:5080 node samples/node-agent/agent.mjs --name node-agent --channel lobby
//
// With --take-tasks it registers its --capabilities instead and works on the tasks the platform hands it: each `task` in its
// inbox is acknowledged, worked on for --work-seconds (heartbeating the task's lease meanwhile) and answered with
// POST /tasks/{id}/result; a `task_cancelled` notice stops that work. It prints one JSON line per task it starts.
//
//   HOST_URL=http://127.0.0.1:5080 node samples/node-agent/agent.mjs --take-tasks --capabilities translate=0.8
//
// With --grpc HOST:PORT (or GRPC_TARGET) it does the same over the gRPC API with the client in clients/node (run
// `npm ci` in clients/node once):
//
//   node samples/node-agent/agent.mjs --grpc 127.0.0.1:5081 --name node-agent --channel lobby

import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { RetryAfter } from './retry-after.mjs';

class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${body.detail ?? body.title ?? JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

class Client {
  // retryAfter: the RetryAfter that waits out 429s, never past the run's deadline.
  constructor(baseUrl, retryAfter, maxRetries = 10) {
    this.baseUrl = baseUrl.replace(/\/+$/, '') + '/api/v1';
    this.key = null;
    this.retryAfter = retryAfter;
    this.maxRetries = maxRetries;
  }

  // Sends a request; on 429 waits for Retry-After seconds and tries again. A wait that would outlast the deadline ends at the
  // deadline with an ApiError saying so.
  async call(method, path, body) {
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      const headers = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (this.key) headers.authorization = `Bearer ${this.key}`;
      const response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(40_000),
      });
      const text = await response.text();
      let payload = {};
      try {
        payload = text ? JSON.parse(text) : {};
      } catch {
        payload = { detail: text };
      }
      if (response.status === 429) {
        const pastTimeout = await this.retryAfter.wait(Number(response.headers.get('retry-after') ?? payload.retry_after_seconds ?? 1));
        if (pastTimeout) throw new ApiError(method, path, 429, { detail: pastTimeout });
        continue;
      }
      if (response.status >= 400) throw new ApiError(method, path, response.status, payload);
      return payload;
    }
    throw new ApiError(method, path, 429, { detail: 'still rate limited after retries' });
  }
}

// The agent's operations over the HTTP API (the default transport).
class HttpTransport {
  constructor(baseUrl, retryAfter) {
    this.client = new Client(baseUrl, retryAfter);
  }

  get hasKey() {
    return this.client.key !== null;
  }

  async register(body) {
    const registered = await this.client.call('POST', '/agents', body);
    this.client.key = registered.api_key;
    return registered.agent.id;
  }

  async heartbeat() {
    return (await this.client.call('POST', '/agents/me/heartbeat')).interval_seconds;
  }

  async createChannel(channel, description) {
    await this.client.call('POST', '/channels', { id: channel, name: channel, description });
  }

  async joinChannel(channel) {
    await this.client.call('POST', `/channels/${channel}/members`);
  }

  async memberCount(channel) {
    return (await this.client.call('GET', `/channels/${channel}`)).member_count;
  }

  async leaveChannel(channel) {
    await this.client.call('DELETE', `/channels/${channel}/members/me`);
  }

  async post(channel, title, content, priority) {
    await this.client.call('POST', `/channels/${channel}/messages`, { title, content, priority });
  }

  async inbox(wait, limit) {
    return (await this.client.call('GET', `/agents/me/inbox?wait=${wait.toFixed(1)}&limit=${limit}`)).deliveries ?? [];
  }

  async ack(deliveryIds) {
    return (await this.client.call('POST', '/agents/me/inbox/ack', { delivery_ids: deliveryIds })).acknowledged;
  }

  async readLog(channel, after) {
    const page = await this.client.call('GET', `/channels/${channel}/messages?after=${after}&limit=200`);
    return [page.messages.length, Number(page.next_cursor)];
  }

  async taskHeartbeat(taskId) {
    await this.client.call('POST', `/tasks/${encodeURIComponent(taskId)}/heartbeat`);
  }

  async postResult(taskId, output) {
    return (await this.client.call('POST', `/tasks/${encodeURIComponent(taskId)}/result`, { output })).status;
  }

  close() {}
}

// HTTP by default; gRPC with --grpc (the client in clients/node).
async function openTransport(values, summary, deadline) {
  const retryAfter = new RetryAfter(summary, deadline);
  if (!values.grpc) return new HttpTransport(values.host, retryAfter);
  const { GrpcTransport } = await import('./grpc-transport.mjs');
  return new GrpcTransport(values.grpc, retryAfter, ApiError);
}

// Sends heartbeats on the schedule the host announces; the function it returns stops them and waits for a beat in flight,
// so the transport is not closed under it.
function startHeartbeat(transport, summary, maxInterval) {
  let timer = null;
  let stopped = false;
  let inFlight = Promise.resolve();
  const beat = async () => {
    let interval = maxInterval;
    try {
      const announced = await transport.heartbeat();
      summary.heartbeats += 1;
      interval = Math.min(Number(announced ?? interval), maxInterval);
    } catch (error) {
      summary.errors.push(`heartbeat: ${error.message}`);
    }
    if (!stopped) {
      timer = setTimeout(run, interval * 1000);
      timer.unref();
    }
  };
  const run = () => { inFlight = beat(); };
  run();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await inFlight;
  };
}

// Leaves the channel at the end of a run, so its member count and fan-out keep to the agents still there; best effort: when the
// host cannot be reached the membership stays.
async function leave(transport, channel) {
  try {
    await transport.leaveChannel(channel);
  } catch {
    // Nothing more to do at the end of the run.
  }
}

async function reportFailure(transport, channel, name, error, summary) {
  if (!transport?.hasKey || !summary.joined) return;
  try {
    await transport.post(channel, 'failure', `${name} failed: ${error.message}`.slice(0, 2000), 'high');
    summary.failures_reported += 1;
  } catch (reportError) {
    summary.errors.push(`could not report the failure: ${reportError.message}`);
  }
}

function parseCapabilities(text) {
  const capabilities = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, proficiency] = part.split('=');
    capabilities[name] = Number(proficiency ?? 1);
  }
  return capabilities;
}

// Registers with capabilities and answers the tasks that arrive in the inbox until --max-tasks or --timeout.
async function takeTasks(values) {
  const summary = {
    agent: values.name, language: 'node', transport: values.grpc ? 'grpc' : 'http', agent_id: null, registered: false, heartbeats: 0,
    rate_limited: 0, retry_after_seconds: [], tasks_done: [], tasks_cancelled: [], task_heartbeats: 0,
    results: {}, errors: [],
  };
  const deadline = Date.now() + Number(values.timeout) * 1000;
  const maxTasks = Number(values['max-tasks']);
  const cancelled = new Set();
  let transport = null;
  let stopHeartbeat = async () => {};
  try {
    transport = await openTransport(values, summary, deadline);
    const heartbeatInterval = Number(values['heartbeat-interval']);
    summary.agent_id = await transport.register({
      name: values.name, description: 'Node.js sample agent taking tasks',
      capabilities: parseCapabilities(values.capabilities), max_concurrent_tasks: 1,
      heartbeat_interval_seconds: heartbeatInterval,
      ...(values.role ? { role: values.role } : {}),
    });
    summary.registered = true;
    stopHeartbeat = startHeartbeat(transport, summary, heartbeatInterval);
    while (Date.now() < deadline && (maxTasks === 0 || summary.tasks_done.length < maxTasks)) {
      const wait = Math.max(0, Math.min(Number(values.wait), (deadline - Date.now()) / 1000));
      const deliveries = await transport.inbox(wait, 10);
      if (deliveries.length > 0) {
        await transport.ack(deliveries.map((d) => d.delivery_id));
      }
      for (const { message } of deliveries) {
        if (message.kind !== 'task') continue;
        const content = JSON.parse(message.content);
        if (content.type === 'task_cancelled') {
          cancelled.add(content.task_id);
          summary.tasks_cancelled.push(content.task_id);
        } else if (content.type === 'task' && !summary.tasks_done.includes(content.task_id)) {
          await workOn(transport, values, content, cancelled, summary);
        }
      }
    }
  } catch (error) {
    summary.errors.push(error.message);
  } finally {
    await stopHeartbeat();
    transport?.close();
    console.log(JSON.stringify(summary));
  }
  return summary.errors.length === 0 ? 0 : 1;
}

// Works on one task for --work-seconds, heartbeating its lease, then posts the result (unless it was cancelled).
async function workOn(transport, values, task, cancelled, summary) {
  console.log(JSON.stringify({ event: 'task_started', task_id: task.task_id, agent_id: summary.agent_id }));
  const finish = Date.now() + Number(values['work-seconds']) * 1000;
  while (Date.now() < finish && !cancelled.has(task.task_id)) {
    await sleep(Math.min(1000, Math.max(0, finish - Date.now())));
    try {
      await transport.taskHeartbeat(task.task_id);
      summary.task_heartbeats += 1;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      cancelled.add(task.task_id);
    }
  }
  if (cancelled.has(task.task_id)) return;
  const output = { agent: summary.agent_id, language: 'node', step: task.step_id, input: task.input ?? null };
  summary.results[task.task_id] = await transport.postResult(task.task_id, output);
  summary.tasks_done.push(task.task_id);
}

async function main() {
  const { values } = parseArgs({
    options: {
      name: { type: 'string', default: process.env.AGENT_NAME ?? `node-agent-${process.pid}` },
      host: { type: 'string', default: process.env.HOST_URL ?? 'http://127.0.0.1:5080' },
      grpc: { type: 'string', default: process.env.GRPC_TARGET ?? '' },
      channel: { type: 'string', default: process.env.AGENT_CHANNEL ?? 'lobby' },
      rounds: { type: 'string', default: process.env.AGENT_ROUNDS ?? '3' },
      wait: { type: 'string', default: '2' },
      'expect-peers': { type: 'string', default: '0' },
      timeout: { type: 'string', default: '60' },
      'heartbeat-interval': { type: 'string', default: '5' },
      'take-tasks': { type: 'boolean', default: false },
      capabilities: { type: 'string', default: '' },
      role: { type: 'string' },
      'work-seconds': { type: 'string', default: '0' },
      'max-tasks': { type: 'string', default: '0' },
    },
  });
  if (values.role && !['manager', 'coordinator', 'executor'].includes(values.role)) throw new Error('--role is manager, coordinator or executor');
  if (values.role && values.grpc) throw new Error('--role is declared over HTTP only');
  if (values['take-tasks']) return takeTasks(values);
  const rounds = Number(values.rounds);
  const waitSeconds = Number(values.wait);
  const expectPeers = Number(values['expect-peers']);
  const deadline = Date.now() + Number(values.timeout) * 1000;
  const channel = values.channel;

  const summary = {
    agent: values.name, language: 'node', transport: values.grpc ? 'grpc' : 'http', agent_id: null, registered: false, joined: false,
    channel, posted: 0, received: 0, received_from: [], received_contents: [],
    acknowledged: 0, log_messages: 0, rate_limited: 0, retry_after_seconds: [], heartbeats: 0,
    failures_reported: 0, errors: [],
  };
  const peers = new Set();
  let transport = null;
  let stopHeartbeat = async () => {};
  try {
    transport = await openTransport(values, summary, deadline);
    const me = await transport.register({ name: values.name, description: 'Node.js sample agent' });
    summary.agent_id = me;
    summary.registered = true;
    stopHeartbeat = startHeartbeat(transport, summary, Number(values['heartbeat-interval']));

    try {
      await transport.createChannel(channel, 'sample agents meet here');
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      await transport.joinChannel(channel);
    }
    summary.joined = true;
    // Posts reach the members of the moment, so an agent expecting peers lets them join before it speaks.
    while (expectPeers > 0 && (await transport.memberCount(channel)) < expectPeers + 1 && Date.now() < deadline) {
      await sleep(Math.min(250, Math.max(0, deadline - Date.now())));
    }

    let cursor = 0;
    let round = 0;
    while (Date.now() < deadline) {
      if (round < rounds) {
        round += 1;
        // The second post of a round hits the channel's post cooldown; the client sleeps Retry-After and retries.
        for (const part of ['hello', 'again']) {
          await transport.post(channel, `round ${round}`, `${values.name} says ${part} (round ${round})`, 'normal');
          summary.posted += 1;
        }
      } else if (peers.size >= expectPeers) {
        break;
      }

      const wait = Math.max(0, Math.min(waitSeconds, (deadline - Date.now()) / 1000));
      const deliveries = await transport.inbox(wait, 50);
      for (const delivery of deliveries) {
        const message = delivery.message;
        summary.received += 1;
        if (message.kind === 'post' && message.sender_id !== me) {
          peers.add(message.sender_id);
          summary.received_contents.push(message.content);
        }
      }
      if (deliveries.length > 0) {
        summary.acknowledged += await transport.ack(deliveries.map((d) => d.delivery_id));
      }

      const [read, next] = await transport.readLog(channel, cursor);
      summary.log_messages += read;
      cursor = next;
    }

    if (peers.size < expectPeers) throw new Error(`expected posts from ${expectPeers} other agents, saw ${peers.size}`);
  } catch (error) {
    summary.errors.push(error.message);
    await reportFailure(transport, channel, values.name, error, summary);
  } finally {
    if (summary.joined) await leave(transport, channel);
    await stopHeartbeat();
    transport?.close();
    summary.received_from = [...peers].sort();
    console.log(JSON.stringify(summary));
  }
  return summary.errors.length === 0 ? 0 : 1;
}

process.exitCode = await main();
