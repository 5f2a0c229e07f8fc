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

import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${body.detail ?? body.title ?? JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

class Client {
  constructor(baseUrl, summary, maxRetries = 10) {
    this.baseUrl = baseUrl.replace(/\/+$/, '') + '/api/v1';
    this.key = null;
    this.summary = summary;
    this.maxRetries = maxRetries;
  }

  // Sends a request; on 429 sleeps for Retry-After seconds and tries again.
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
        const retryAfter = Number(response.headers.get('retry-after') ?? payload.retry_after_seconds ?? 1);
        this.summary.rate_limited += 1;
        this.summary.retry_after_seconds.push(retryAfter);
        await sleep(retryAfter * 1000);
        continue;
      }
      if (response.status >= 400) throw new ApiError(method, path, response.status, payload);
      return payload;
    }
    throw new ApiError(method, path, 429, { detail: 'still rate limited after retries' });
  }
}

function startHeartbeat(client, summary, maxInterval) {
  let timer = null;
  let stopped = false;
  const beat = async () => {
    let interval = maxInterval;
    try {
      const answer = await client.call('POST', '/agents/me/heartbeat');
      summary.heartbeats += 1;
      interval = Math.min(Number(answer.interval_seconds ?? interval), maxInterval);
    } catch (error) {
      summary.errors.push(`heartbeat: ${error.message}`);
    }
    if (!stopped) {
      timer = setTimeout(beat, interval * 1000);
      timer.unref();
    }
  };
  beat();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

async function reportFailure(client, channel, name, error, summary) {
  if (!client.key || !summary.joined) return;
  try {
    await client.call('POST', `/channels/${channel}/messages`, {
      title: 'failure',
      content: `${name} failed: ${error.message}`.slice(0, 2000),
      priority: 'high',
    });
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
    agent: values.name, language: 'node', agent_id: null, registered: false, heartbeats: 0,
    rate_limited: 0, retry_after_seconds: [], tasks_done: [], tasks_cancelled: [], task_heartbeats: 0,
    results: {}, errors: [],
  };
  const client = new Client(values.host, summary);
  const deadline = Date.now() + Number(values.timeout) * 1000;
  const maxTasks = Number(values['max-tasks']);
  const cancelled = new Set();
  let stopHeartbeat = () => {};
  try {
    const heartbeatInterval = Number(values['heartbeat-interval']);
    const registered = await client.call('POST', '/agents', {
      name: values.name, description: 'Node.js sample agent taking tasks',
      capabilities: parseCapabilities(values.capabilities), max_concurrent_tasks: 1,
      heartbeat_interval_seconds: heartbeatInterval,
    });
    client.key = registered.api_key;
    summary.agent_id = registered.agent.id;
    summary.registered = true;
    stopHeartbeat = startHeartbeat(client, summary, heartbeatInterval);
    while (Date.now() < deadline && (maxTasks === 0 || summary.tasks_done.length < maxTasks)) {
      const wait = Math.max(0, Math.min(Number(values.wait), (deadline - Date.now()) / 1000));
      const inbox = await client.call('GET', `/agents/me/inbox?wait=${wait.toFixed(1)}&limit=10`);
      const deliveries = inbox.deliveries ?? [];
      if (deliveries.length > 0) {
        await client.call('POST', '/agents/me/inbox/ack', { delivery_ids: deliveries.map((d) => d.delivery_id) });
      }
      for (const { message } of deliveries) {
        if (message.kind !== 'task') continue;
        const content = JSON.parse(message.content);
        if (content.type === 'task_cancelled') {
          cancelled.add(content.task_id);
          summary.tasks_cancelled.push(content.task_id);
        } else if (content.type === 'task' && !summary.tasks_done.includes(content.task_id)) {
          await workOn(client, values, content, cancelled, summary);
        }
      }
    }
  } catch (error) {
    summary.errors.push(error.message);
  } finally {
    stopHeartbeat();
    console.log(JSON.stringify(summary));
  }
  return summary.errors.length === 0 ? 0 : 1;
}

// Works on one task for --work-seconds, heartbeating its lease, then posts the result (unless it was cancelled).
async function workOn(client, values, task, cancelled, summary) {
  const path = `/tasks/${encodeURIComponent(task.task_id)}`;
  console.log(JSON.stringify({ event: 'task_started', task_id: task.task_id, agent_id: summary.agent_id }));
  const finish = Date.now() + Number(values['work-seconds']) * 1000;
  while (Date.now() < finish && !cancelled.has(task.task_id)) {
    await sleep(Math.min(1000, Math.max(0, finish - Date.now())));
    try {
      await client.call('POST', `${path}/heartbeat`);
      summary.task_heartbeats += 1;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      cancelled.add(task.task_id);
    }
  }
  if (cancelled.has(task.task_id)) return;
  const output = { agent: summary.agent_id, language: 'node', step: task.step_id, input: task.input ?? null };
  const answer = await client.call('POST', `${path}/result`, { output });
  summary.results[task.task_id] = answer.status;
  summary.tasks_done.push(task.task_id);
}

async function main() {
  const { values } = parseArgs({
    options: {
      name: { type: 'string', default: process.env.AGENT_NAME ?? `node-agent-${process.pid}` },
      host: { type: 'string', default: process.env.HOST_URL ?? 'http://127.0.0.1:5080' },
      channel: { type: 'string', default: process.env.AGENT_CHANNEL ?? 'lobby' },
      rounds: { type: 'string', default: process.env.AGENT_ROUNDS ?? '3' },
      wait: { type: 'string', default: '2' },
      'expect-peers': { type: 'string', default: '0' },
      timeout: { type: 'string', default: '60' },
      'heartbeat-interval': { type: 'string', default: '5' },
      'take-tasks': { type: 'boolean', default: false },
      capabilities: { type: 'string', default: '' },
      'work-seconds': { type: 'string', default: '0' },
      'max-tasks': { type: 'string', default: '0' },
    },
  });
  if (values['take-tasks']) return takeTasks(values);
  const rounds = Number(values.rounds);
  const waitSeconds = Number(values.wait);
  const expectPeers = Number(values['expect-peers']);
  const deadline = Date.now() + Number(values.timeout) * 1000;
  const channel = values.channel;

  const summary = {
    agent: values.name, language: 'node', agent_id: null, registered: false, joined: false,
    channel, posted: 0, received: 0, received_from: [], received_contents: [],
    acknowledged: 0, log_messages: 0, rate_limited: 0, retry_after_seconds: [], heartbeats: 0,
    failures_reported: 0, errors: [],
  };
  const client = new Client(values.host, summary);
  const peers = new Set();
  let stopHeartbeat = () => {};
  try {
    const registered = await client.call('POST', '/agents', { name: values.name, description: 'Node.js sample agent' });
    client.key = registered.api_key;
    const me = registered.agent.id;
    summary.agent_id = me;
    summary.registered = true;
    stopHeartbeat = startHeartbeat(client, summary, Number(values['heartbeat-interval']));

    try {
      await client.call('POST', '/channels', { id: channel, name: channel, description: 'sample agents meet here' });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      await client.call('POST', `/channels/${channel}/members`);
    }
    summary.joined = true;

    let cursor = 0;
    let round = 0;
    while (Date.now() < deadline) {
      if (round < rounds) {
        round += 1;
        // The second post of a round hits the channel's post cooldown; the client sleeps Retry-After and retries.
        for (const part of ['hello', 'again']) {
          await client.call('POST', `/channels/${channel}/messages`, {
            title: `round ${round}`, content: `${values.name} says ${part} (round ${round})`, priority: 'normal',
          });
          summary.posted += 1;
        }
      } else if (peers.size >= expectPeers) {
        break;
      }

      const wait = Math.max(0, Math.min(waitSeconds, (deadline - Date.now()) / 1000));
      const inbox = await client.call('GET', `/agents/me/inbox?wait=${wait.toFixed(1)}&limit=50`);
      const deliveries = inbox.deliveries ?? [];
      for (const delivery of deliveries) {
        const message = delivery.message;
        summary.received += 1;
        if (message.kind === 'post' && message.sender_id !== me) {
          peers.add(message.sender_id);
          summary.received_contents.push(message.content);
        }
      }
      if (deliveries.length > 0) {
        const acked = await client.call('POST', '/agents/me/inbox/ack', { delivery_ids: deliveries.map((d) => d.delivery_id) });
        summary.acknowledged += acked.acknowledged;
      }

      const page = await client.call('GET', `/channels/${channel}/messages?after=${cursor}&limit=200`);
      summary.log_messages += page.messages.length;
      cursor = Number(page.next_cursor);
    }

    if (peers.size < expectPeers) throw new Error(`expected posts from ${expectPeers} other agents, saw ${peers.size}`);
  } catch (error) {
    summary.errors.push(error.message);
    await reportFailure(client, channel, values.name, error, summary);
  } finally {
    stopHeartbeat();
    summary.received_from = [...peers].sort();
    console.log(JSON.stringify(summary));
  }
  return summary.errors.length === 0 ? 0 : 1;
}

process.exitCode = await main();
