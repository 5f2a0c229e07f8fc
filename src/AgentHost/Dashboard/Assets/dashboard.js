// The operator dashboard: loads a snapshot from the JSON API (the session cookie stands in for the operator token on GETs),
// then follows one server-sent event stream. Everything is drawn with textContent, never as HTML.
'use strict';

const PAGE_SIZE = 50;
const WORKFLOW_PAGE_SIZE = 10;
const REFRESH_MS = 10000;
const SIGN_IN = '/dashboard/sign-in';

const state = {
  agentCursors: [null], agentPage: 0, agentNext: null, agents: new Map(),
  workflowCursors: [null], workflowPage: 0, workflowNext: null,
  channels: new Map(), counts: null,
};

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) {
    location.assign(SIGN_IN);
    throw new Error('signed out');
  }
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function ago(iso) {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

const badge = (status) => el('span', { class: `badge s-${status}`, text: status });

// ---- agents ----

function trackText(track) {
  const latency = track.latency_ewma_ms == null ? '' : `, ~${Math.round(track.latency_ewma_ms)} ms`;
  return `${track.successes} ok / ${track.failures} failed (${Math.round(track.success_rate * 100)}%${latency})`;
}

function agentRow(agent) {
  const name = el('td', {}, el('span', { text: agent.name }));
  if (agent.role) name.append(el('span', { class: 'role', text: agent.role }));
  return el('tr', { 'data-agent-id': agent.id, 'data-status': agent.status },
    el('td', { class: 'emoji', text: agent.emoji || '🦞' }),
    name,
    el('td', { class: 'status' }, badge(agent.status)),
    el('td', { class: 'num heartbeat', 'data-at': agent.last_heartbeat || '', text: ago(agent.last_heartbeat) }),
    el('td', { class: 'num load', text: `${agent.load}/${agent.max_concurrent_tasks}` }),
    el('td', { class: 'track', text: trackText(agent.track_record) }));
}

async function loadAgents() {
  const status = $('agent-status').value;
  const role = $('agent-role').value;
  const after = state.agentCursors[state.agentPage];
  let path = `/api/v1/agents?limit=${PAGE_SIZE}`;
  if (status) path += `&status=${encodeURIComponent(status)}`;
  if (role) path += `&role=${encodeURIComponent(role)}`;
  if (after) path += `&after=${encodeURIComponent(after)}`;
  const page = await api(path);
  state.agents = new Map(page.agents.map((a) => [a.id, a]));
  state.agentNext = page.next_cursor;
  $('agents').tBodies[0].replaceChildren(...page.agents.map(agentRow));
  $('agents-empty').hidden = page.agents.length > 0 || state.agentPage > 0 || status !== '' || role !== '';
  $('agents-prev').disabled = state.agentPage === 0;
  $('agents-next').disabled = !page.next_cursor;
  $('agents-page').textContent = `Page ${state.agentPage + 1}`;
  if (!performance.getEntriesByName('agents-rendered').length) performance.mark('agents-rendered');
}

function patchAgent(change) {
  const row = document.querySelector(`tr[data-agent-id="${CSS.escape(change.id)}"]`);
  if (!row) return;
  if (change.removed) { row.remove(); return; }
  row.dataset.status = change.status;
  row.querySelector('.status').replaceChildren(badge(change.status));
  row.querySelector('.load').textContent = `${change.load}/${change.max_concurrent_tasks}`;
  row.querySelector('.track').textContent = trackText(change.track_record);
}

function renderCounts(counts) {
  state.counts = counts;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const items = [['agents', total], ...Object.entries(counts)];
  $('summary').replaceChildren(...items.map(([name, count]) =>
    el('div', {}, el('dt', { text: name }), el('dd', { text: count.toLocaleString('en') }))));
}

async function loadSummary() {
  const health = await api('/api/v1/health');
  if (state.counts) return;
  const a = health.agents;
  renderCounts({ available: a.available, busy: a.busy, offline: a.offline });
}

// ---- channels ----

function messageItem(message, senders) {
  const item = el('li', { 'data-sequence': String(message.sequence) });
  if (message.kind === 'system') {
    item.append(el('span', { class: 'system', text: message.content }));
  } else {
    const sender = senders[message.sender_id];
    const who = sender ? `${sender.emoji || '🦞'} ${sender.name}` : message.sender_id;
    item.append(el('span', { class: 'who', title: message.sender_id, text: who }));
    if (message.title) item.append(el('strong', { text: `${message.title}: ` }));
    item.append(el('span', { text: message.content }));
  }
  return item;
}

function upsertChannel(view) {
  const { channel, messages, senders } = view;
  let entry = state.channels.get(channel.id);
  if (!entry) {
    const list = el('ol', { class: 'messages', 'aria-live': 'polite', 'aria-label': `Messages in ${channel.name}` });
    const meta = el('span', { class: 'meta' });
    const card = el('article', { class: 'card', 'data-channel-id': channel.id },
      el('h3', {}, el('span', { text: `# ${channel.name}` }), meta), list);
    entry = { card, list, meta, last: 0 };
    state.channels.set(channel.id, entry);
    $('channels').append(card);
  }
  entry.meta.textContent = `${channel.member_count} members · ${channel.last_sequence} messages`;
  for (const message of messages) {
    if (message.sequence <= entry.last) continue;
    entry.list.append(messageItem(message, senders || {}));
    entry.last = message.sequence;
  }
  while (entry.list.children.length > 50) entry.list.firstElementChild.remove();
  entry.list.scrollTop = entry.list.scrollHeight;
  $('channels-empty').hidden = true;
}

async function loadChannels() {
  const page = await api('/dashboard/api/channels');
  state.channels.clear();
  $('channels').replaceChildren();
  page.channels.forEach(upsertChannel);
  $('channels-empty').hidden = page.channels.length > 0;
}

// ---- workflows ----

function stepItem(step) {
  const item = el('li', { class: `s-${step.status}`, 'data-step-id': step.step_id, 'data-status': step.status,
    title: step.error || `${step.kind}${step.attempts ? `, ${step.attempts} attempt(s)` : ''}` },
  el('span', { text: `${step.step_id} · ${step.status}` }));
  if (step.started_at && step.ended_at) {
    item.append(el('span', { class: 't', text: `${((Date.parse(step.ended_at) - Date.parse(step.started_at)) / 1000).toFixed(1)} s` }));
  }
  return item;
}

function workflowCard(instance) {
  const card = el('article', { class: 'card', 'data-instance-id': instance.instance_id, 'data-status': instance.status },
    el('h3', {}, el('span', { text: instance.instance_id }), badge(instance.status),
      el('span', { class: 'meta', text: `${instance.definition_id} v${instance.definition_version} · started ${ago(instance.started_at || instance.created_at)}` })));
  if (instance.steps) {
    card.append(el('ol', { class: 'timeline', 'aria-label': `Steps of ${instance.instance_id}` }, ...instance.steps.map(stepItem)));
  }
  if (instance.spend) card.append(spendTable(instance));
  if (instance.error) card.append(el('p', { class: 'error-text', text: instance.error }));
  return card;
}

// The run's LLM spend per agent, as recorded with its task outcomes (so it survives restarts).
function spendTable(instance) {
  const spend = instance.spend;
  const row = (cells, attrs) => el('tr', attrs, ...cells.map((text) => el('td', { text: String(text) })));
  const table = el('table', { class: 'spend', 'data-spend-cost': spend.cost },
    el('caption', { text: `LLM spend${spend.estimated ? ' (partly estimated)' : ''}` }),
    el('thead', {}, el('tr', {}, ...['Agent', 'Input tokens', 'Output tokens', 'Cost', 'Tasks']
      .map((h) => el('th', { scope: 'col', text: h })))));
  const body = el('tbody', {}, ...spend.by_agent.map((a) =>
    row([a.agent_id || '(none)', a.input_tokens, a.output_tokens, a.cost, a.tasks], { 'data-agent-id': a.agent_id })));
  body.append(row(['all', spend.input_tokens, spend.output_tokens, spend.cost, spend.tasks], { class: 'total' }));
  table.append(body);
  return table;
}

function upsertWorkflow(instance) {
  const existing = document.querySelector(`article[data-instance-id="${CSS.escape(instance.instance_id)}"]`);
  const filter = $('workflow-status').value;
  if (filter && filter !== instance.status) { existing?.remove(); return; }
  const card = workflowCard(instance);
  if (existing) existing.replaceWith(card);
  else if (state.workflowPage === 0) {
    $('workflows').prepend(card);
    while ($('workflows').children.length > WORKFLOW_PAGE_SIZE) $('workflows').lastElementChild.remove();
  }
  $('workflows-empty').hidden = $('workflows').children.length > 0;
}

async function loadWorkflows() {
  const status = $('workflow-status').value;
  const after = state.workflowCursors[state.workflowPage];
  let path = `/api/v1/workflows/instances?limit=${WORKFLOW_PAGE_SIZE}`;
  if (status) path += `&status=${encodeURIComponent(status)}`;
  if (after) path += `&after=${encodeURIComponent(after)}`;
  const page = await api(path);
  state.workflowNext = page.next_cursor;
  const states = await Promise.all(page.instances.map((i) =>
    api(`/api/v1/workflows/instances/${encodeURIComponent(i.instance_id)}`).catch(() => i)));
  $('workflows').replaceChildren(...states.map(workflowCard));
  $('workflows-empty').hidden = states.length > 0 || state.workflowPage > 0 || status !== '';
  $('workflows-prev').disabled = state.workflowPage === 0;
  $('workflows-next').disabled = !page.next_cursor;
}

// ---- tasks ----

function renderTasks(view) {
  $('tasks').tBodies[0].replaceChildren(...view.queues.map((q) => el('tr', { 'data-queue': q.name },
    el('td', { text: q.name }), el('td', { class: 'num', text: String(q.waiting) }),
    el('td', { class: 'num', text: q.oldest_since ? ago(q.oldest_since).replace(' ago', '') : '' }))));
  $('tasks').hidden = view.queues.length === 0;
  $('tasks-empty').hidden = view.queues.length > 0;
}

const loadTasks = async () => renderTasks(await api('/dashboard/api/tasks'));

// ---- live updates ----

function setLive(on, text) {
  $('live').className = `live ${on ? 'on' : 'off'}`;
  $('live').textContent = text;
}

const reloadAll = () => Promise.all([loadAgents(), loadChannels(), loadWorkflows(), loadTasks()]).catch(report);

function follow() {
  const source = new EventSource('/dashboard/events');
  source.onopen = () => setLive(true, 'Live');
  source.onerror = () => setLive(false, 'Reconnecting…');
  source.addEventListener('agents', (e) => {
    const update = JSON.parse(e.data);
    renderCounts(update.counts);
    if (update.reset) loadAgents().catch(report);
    else update.changed.forEach(patchAgent);
  });
  source.addEventListener('channel', (e) => upsertChannel(JSON.parse(e.data)));
  source.addEventListener('workflow', (e) => upsertWorkflow(JSON.parse(e.data)));
  source.addEventListener('tasks', (e) => renderTasks(JSON.parse(e.data)));
  source.addEventListener('reset', reloadAll);
  source.addEventListener('signed-out', () => { source.close(); location.assign(SIGN_IN); });
}

function report(error) {
  if (error.message !== 'signed out') setLive(false, `Could not load: ${error.message}`);
}

function wire() {
  $('agent-status').addEventListener('change', () => { state.agentCursors = [null]; state.agentPage = 0; loadAgents().catch(report); });
  $('agent-role').addEventListener('change', () => { state.agentCursors = [null]; state.agentPage = 0; loadAgents().catch(report); });
  $('agents-next').addEventListener('click', () => {
    state.agentCursors[++state.agentPage] = state.agentNext;
    loadAgents().catch(report);
  });
  $('agents-prev').addEventListener('click', () => { state.agentPage--; loadAgents().catch(report); });
  $('workflow-status').addEventListener('change', () => { state.workflowCursors = [null]; state.workflowPage = 0; loadWorkflows().catch(report); });
  $('workflows-next').addEventListener('click', () => {
    state.workflowCursors[++state.workflowPage] = state.workflowNext;
    loadWorkflows().catch(report);
  });
  $('workflows-prev').addEventListener('click', () => { state.workflowPage--; loadWorkflows().catch(report); });
  setInterval(() => {
    for (const cell of document.querySelectorAll('td.heartbeat')) cell.textContent = ago(cell.dataset.at);
  }, 1000);
  setInterval(() => { if (!document.hidden) loadAgents().catch(report); }, REFRESH_MS);
}

wire();
loadAgents().catch(report);
follow();
Promise.all([loadSummary(), loadChannels(), loadWorkflows(), loadTasks()]).catch(report);
