// Drives every RPC family of the Node.js client against a real host and prints one JSON line of named checks.
//
//   node flow.mjs HOST:PORT
//
// Run by ClientFlowTests with a host whose post cooldown is 1 s and ack timeout 2 s.
import { randomUUID } from 'node:crypto';
import { AgentClient, ApiError, kindName, requestOf } from '../../../clients/node/index.mjs';

const checks = {};

function check(name, condition, detail = '') {
  checks[name] = Boolean(condition);
  if (!condition) (checks._failures ??= []).push(`${name}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
}

async function refusal(operation) {
  try {
    await operation();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  return null;
}

async function nextDelivery(stream, kind, timeoutMs = 10_000) {
  const finish = Date.now() + timeoutMs;
  while (Date.now() < finish) {
    const delivery = await stream.read(Math.max(0, finish - Date.now()));
    if (delivery !== null && kindName(delivery.message) === kind) return delivery;
    if (delivery === null && stream.ended) return null;
  }
  return null;
}

async function main(target) {
  const suffix = randomUUID().slice(0, 8);
  const alice = new AgentClient(target);
  const bob = new AgentClient(target);

  const registered = await alice.register(`node-alice-${suffix}`, { description: 'flow', capabilities: { summarize: 0.5 } });
  const bobId = (await bob.register(`node-bob-${suffix}`)).agent.id;
  check('register', registered.api_key && registered.agent.capabilities.summarize === 0.5);
  check('get_me', (await alice.getMe()).name === `node-alice-${suffix}`);
  const updated = await alice.updateMe({ description: 'changed', capabilities: { translate: 0.9 } });
  check('update_me', updated.description === 'changed' && JSON.stringify(updated.capabilities) === '{"translate":0.9}');
  const beat = await alice.heartbeat('idle');
  check('heartbeat', beat.status === 'idle' && beat.interval_seconds > 0, beat);

  const oldKey = alice.apiKey;
  const newKey = await alice.rotateKey();
  const stale = await refusal(() => new AgentClient(target, { apiKey: oldKey }).getMe());
  check('rotate_key', newKey !== oldKey && stale?.codeName === 'UNAUTHENTICATED', stale?.message);

  const channel = `node-flow-${suffix}`;
  check('create_channel', (await alice.createChannel(channel, 'flow', 'client flow')).id === channel);
  const taken = await refusal(() => alice.createChannel(channel, 'again'));
  check('create_channel_taken', taken?.codeName === 'ALREADY_EXISTS', taken?.message);
  check('list_channels', (await alice.listChannels({ limit: 100 })).channels.some((c) => c.id === channel));
  check('get_channel', (await alice.getChannel(channel)).member_count === 1);
  check('join_channel', (await bob.joinChannel(channel)).joined && !(await bob.joinChannel(channel)).joined);
  const posted = await alice.postMessage(channel, 'hello from node', { title: 'greeting', priority: 'high' });
  const page = await bob.readMessages(channel);
  check('post_and_read', page.messages.some((m) => m.id === posted.id && m.content === 'hello from node')
    && Number(page.next_cursor) >= Number(posted.sequence));
  const cooled = await refusal(() => alice.postMessage(channel, 'too soon'));
  check('rate_limited_with_retry_delay', cooled?.codeName === 'RESOURCE_EXHAUSTED' && cooled.retryDelay > 0, cooled?.message);
  const invalid = await refusal(() => alice.sendDirect(bobId, ''));
  check('invalid_argument_names_field', invalid?.codeName === 'INVALID_ARGUMENT' && 'content' in invalid.fieldViolations, invalid?.message);
  await bob.leaveChannel(channel);
  const outsider = await refusal(() => bob.postMessage(channel, 'not a member'));
  check('leave_channel', outsider?.codeName === 'PERMISSION_DENIED', outsider?.message);

  const stream = bob.subscribe();
  await alice.sendDirect(bobId, 'direct one', { title: 'dm' });
  const direct = await nextDelivery(stream, 'direct');
  check('send_direct_and_stream', direct?.message.content === 'direct one' && direct.message.sender_id === registered.agent.id, direct);
  check('ack', direct !== null && (await bob.ack([direct.delivery_id])) === 1);

  await alice.sendDirect(bobId, 'direct two');
  const first = await nextDelivery(stream, 'direct');
  const handedBack = first ? await bob.nack([first.delivery_id]) : 0;
  const again = await nextDelivery(stream, 'direct');
  check('nack_redelivers', handedBack === 1 && again?.delivery_id === first.delivery_id && again.attempt === first.attempt + 1, again);
  if (again) await bob.ack([again.delivery_id]);

  const answering = alice.sendRequest(bobId, 'ping', { timeoutSeconds: 10 });
  const asked = await nextDelivery(stream, 'request');
  const request = asked ? requestOf(asked) : null;
  if (request) {
    await bob.reply(request.request_id, 'pong from node');
    await bob.ack([asked.delivery_id]);
  }
  const answer = await answering;
  check('request_reply', answer.content === 'pong from node' && answer.request_id === request?.request_id, answer);

  const unknownResult = await refusal(() => bob.postResult('no-such-task', { x: 1 }));
  check('task_result_unknown_task', unknownResult?.codeName === 'NOT_FOUND', unknownResult?.message);
  const unknownBeat = await refusal(() => bob.taskHeartbeat('no-such-task'));
  check('task_heartbeat_unknown_task', unknownBeat?.codeName === 'NOT_FOUND', unknownBeat?.message);
  const unknownReject = await refusal(() => bob.rejectTask('no-such-task', 'cannot'));
  check('task_reject_unknown_task', unknownReject?.codeName === 'NOT_FOUND', unknownReject?.message);
  stream.cancel();

  // Disconnect mid-stream: a delivery received but not acknowledged comes again on a new connection.
  await alice.sendDirect(bobId, 'unacked');
  const dropped = new AgentClient(target, { apiKey: bob.apiKey });
  const lost = await nextDelivery(dropped.subscribe(), 'direct');
  dropped.close();
  const reconnected = new AgentClient(target, { apiKey: bob.apiKey });
  const streamAgain = reconnected.subscribe();
  const redelivered = await nextDelivery(streamAgain, 'direct', 15_000);
  streamAgain.cancel();
  check('redelivered_after_disconnect', lost !== null && redelivered?.delivery_id === lost.delivery_id && redelivered.attempt > lost.attempt,
    { lost, redelivered });
  if (redelivered) await reconnected.ack([redelivered.delivery_id]);
  for (const client of [alice, bob, reconnected]) client.close();
}

try {
  await main(process.argv[2]);
} catch (error) {
  (checks._failures ??= []).push(`unexpected: ${error.stack ?? error}`);
}
console.log(JSON.stringify(checks));
// Open gRPC handles of a failed run must not keep the process alive.
process.exit(0);
