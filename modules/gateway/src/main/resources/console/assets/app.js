'use strict';
// The Chorus console: module board (GET /api/modules), say box (POST /api/say on one site or several, then the WAV
// in <audio>), intent box (POST /api/intent), sessions (POST/GET /api/sessions; push-to-talk POST
// /api/sessions/listen), the template editor (GET/PUT /api/templates), live message log (Server-Sent Events from
// GET /api/events). Plain DOM, no build step.

const $ = (id) => document.getElementById(id);

async function api(path, options = {}) {
  const response = await fetch(path, options);
  if (response.status === 401) {
    window.location.replace('/login.html');
    throw new Error('not logged in');
  }
  let body = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    body = await response.json();
  }
  if (!response.ok) {
    throw new Error((body && body.detail) || response.statusText);
  }
  return body;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function duration(seconds) {
  if (seconds == null) return '';
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
  const m = Math.floor(seconds % 3600 / 60), s = Math.floor(seconds % 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s}s`;
  return `${s}s`;
}

// ---- modules -------------------------------------------------------------------------------------

let modules = [];
let modulesAt = Date.now();

function renderModules() {
  const list = $('modules');
  const elapsed = (Date.now() - modulesAt) / 1000;
  list.replaceChildren(...modules.map((m) => el('li', {class: 'module ' + (m.online ? 'online' : 'offline'),
      'data-module': m.module, 'data-state': m.state},
    el('span', {class: 'name'}, m.module),
    el('span', {class: 'badge ' + (m.online ? 'ok' : 'bad')}, m.online ? 'online' : 'offline'),
    el('span', {class: 'meta'}, `v${m.version} · ${m.instance}`),
    el('span', {class: 'meta'}, m.online ? 'up ' + duration(m.uptimeSeconds + elapsed) : 'since ' + new Date(m.since).toLocaleString()))));
  if (!modules.length) list.replaceChildren(el('li', {class: 'muted'}, 'No module has reported yet.'));
}

async function refreshModules() {
  try {
    modules = (await api('/api/modules')).modules;
    modulesAt = Date.now();
    $('broker').textContent = 'broker connected';
    $('broker').className = 'badge ok';
  } catch (e) {
    $('broker').textContent = e.message;
    $('broker').className = 'badge bad';
  }
  renderModules();
}

// ---- voices and presets --------------------------------------------------------------------------

async function loadPickers() {
  try {
    const {voices} = await api('/api/voices');
    for (const v of voices) $('voice').append(el('option', {value: v.voiceId, title: v.description || ''}, v.voiceId));
  } catch (e) {
    $('say-status').textContent = 'Voices unavailable: ' + e.message;
  }
  try {
    const {presets} = await api('/api/presets');
    for (const p of presets) if (p.name !== 'default') $('preset').append(el('option', {value: p.name, title: p.description}, p.name));
  } catch (e) { /* presets are optional */ }
}

// ---- say -----------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The sites of the say box: comma-separated, blanks around them ignored, each once (the API refuses a site twice); none: default. */
function saySites(field) {
  const sites = [...new Set(field.split(',').map((s) => s.trim()).filter(Boolean))];
  return sites.length ? sites : ['default'];
}

/** POST /api/say's body: siteId for one site (a Hermes say), siteIds for several (one chorus/tts/say, rendered once). */
function sayRequest(text, sites, voice, preset) {
  const body = sites.length > 1 ? {text, siteIds: sites} : {text, siteId: sites[0]};
  if (voice) body.voice = voice;
  if (preset) body.preset = preset;
  return body;
}

$('say-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = $('say-status');
  const button = $('say-button');
  button.disabled = true;
  const sites = saySites($('site').value);
  const where = sites.length > 1 ? ' on ' + sites.join(', ') : '';
  status.textContent = 'Sending…';
  try {
    const body = sayRequest($('say-text').value, sites, $('voice').value, $('preset').value);
    const {id} = await api('/api/say', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    status.dataset.id = id;
    let say;
    let afterEnd = 0;
    for (let i = 0; i < 1200; i++) {
      say = await api('/api/say/' + encodeURIComponent(id));
      status.textContent = `${say.state}${say.error ? ': ' + say.error : ''}`;
      if (say.audio.state === 'ready' || say.state === 'failed') break;
      if (say.state === 'finished' && ++afterEnd > 10) break;
      await sleep(i < 20 ? 100 : 250);
    }
    if (say.audio.state === 'ready') {
      const audio = $('say-audio');
      audio.src = say.audio.url;
      audio.load();
      audio.play().catch(() => { /* autoplay may be blocked: the controls are there */ });
      status.textContent = `${say.state}${where} · ${(say.audio.durationMs / 1000).toFixed(1)} s of audio`;
    } else if (say.state !== 'failed') {
      status.textContent = `${say.state}${where}, no audio (${say.audio.state})`;
    }
  } catch (e) {
    status.textContent = 'Error: ' + e.message;
  } finally {
    button.disabled = false;
  }
});

// ---- understand ----------------------------------------------------------------------------------

$('intent-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('intent-result');
  result.replaceChildren(el('p', {class: 'muted'}, 'Asking the NLU…'));
  try {
    const answer = await api('/api/intent', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({text: $('intent-text').value})});
    if (!answer.recognized) {
      result.replaceChildren(el('p', {id: 'intent-name', class: 'bad'}, 'not recognised'));
      return;
    }
    result.replaceChildren(
      el('p', {}, el('strong', {id: 'intent-name'}, answer.intent.intentName),
        ` · confidence ${answer.intent.confidenceScore.toFixed(2)} · "${answer.input}"`),
      el('ul', {id: 'intent-slots'}, ...answer.slots.map((s) => el('li', {'data-slot': s.slotName},
        `${s.slotName} = ${s.value.value}` + (s.rawValue !== String(s.value.value) ? ` (heard "${s.rawValue}")` : '')))));
  } catch (e) {
    result.replaceChildren(el('p', {class: 'bad'}, 'Error: ' + e.message));
  }
});

// ---- sessions ------------------------------------------------------------------------------------

async function refreshSessions() {
  try {
    const {sites} = await api('/api/sessions');
    const rows = [];
    for (const [site, sessions] of Object.entries(sites)) {
      for (const s of sessions) {
        rows.push(el('tr', {'data-session': s.sessionId, 'data-state': s.state},
          el('td', {}, site), el('td', {}, s.state + (s.reason ? ' · ' + s.reason : '')), el('td', {}, s.heard || ''),
          el('td', {}, s.intent || ''), el('td', {}, s.startedAt ? new Date(s.startedAt).toLocaleTimeString() : '')));
      }
    }
    $('sessions').replaceChildren(...rows);
  } catch (e) { /* shown by the module board */ }
}

$('session-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = $('session-status');
  status.textContent = 'Starting…';
  try {
    const body = {siteId: $('session-site').value || 'default'};
    if ($('session-text').value) body.text = $('session-text').value;
    const s = await api('/api/sessions', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(body)});
    status.textContent = `${s.state} ${s.sessionId} on ${s.siteId}`;
    refreshSessions();
  } catch (e) {
    status.textContent = 'Error: ' + e.message;
  }
});

// ---- push-to-talk: the browser's microphone is the site's for one session ------------------------------
// Recorded at 16 kHz mono (the browser resamples), sent as one WAV when the button is released. Browsers give the
// microphone only to https pages and to localhost.

let recording = null;
let pressed = false;

async function startTalking() {
  const status = $('session-status');
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    status.textContent = 'This page cannot use the microphone: browsers allow it on https or localhost only.';
    return;
  }
  const stream = await navigator.mediaDevices.getUserMedia({audio: {channelCount: 1, echoCancellation: true,
    noiseSuppression: true}});
  const context = new AudioContext({sampleRate: 16000});
  const source = context.createMediaStreamSource(stream);
  // ScriptProcessor: deprecated but everywhere, and needs no second file; its output is silence
  const tap = context.createScriptProcessor(4096, 1, 1);
  const chunks = [];
  tap.onaudioprocess = (e) => chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
  source.connect(tap);
  tap.connect(context.destination);
  recording = {stream, context, source, tap, chunks};
  $('talk-button').classList.add('active');
  status.textContent = 'Listening… release to send';
  if (!pressed) stopTalking(); // released while the microphone was opening
}

function wavOf(chunks, rate) {
  const count = chunks.reduce((n, c) => n + c.length, 0);
  const view = new DataView(new ArrayBuffer(44 + count * 2));
  const text = (at, s) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + count * 2, true); text(8, 'WAVE'); text(12, 'fmt ');
  view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true);
  view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, count * 2, true);
  let at = 44;
  for (const chunk of chunks) {
    for (const x of chunk) {
      view.setInt16(at, Math.max(-32768, Math.min(32767, Math.round(x * 32767))), true);
      at += 2;
    }
  }
  return new Blob([view], {type: 'audio/wav'});
}

async function stopTalking() {
  if (!recording) return;
  const {stream, context, source, tap, chunks} = recording;
  recording = null;
  $('talk-button').classList.remove('active');
  source.disconnect();
  tap.disconnect();
  stream.getTracks().forEach((t) => t.stop());
  const rate = context.sampleRate;
  await context.close();
  const status = $('session-status');
  const site = $('session-site').value || 'default';
  status.textContent = `Sent ${(chunks.reduce((n, c) => n + c.length, 0) / rate).toFixed(1)} s to ${site}…`;
  try {
    const heard = await api('/api/sessions/listen?siteId=' + encodeURIComponent(site),
      {method: 'POST', headers: {'Content-Type': 'audio/wav'}, body: wavOf(chunks, rate)});
    const s = heard.session;
    status.textContent = `${s.state} · ${s.reason || ''}: heard "${s.heard || ''}"` + (s.intent ? ` → ${s.intent}` : '');
    status.dataset.heard = s.heard || '';
    status.dataset.intent = s.intent || '';
    const audio = $('talk-audio');
    if (heard.audio) {
      audio.hidden = false;
      audio.src = heard.audio;
      audio.play().catch(() => { /* autoplay refused: the controls are there */ });
    }
    refreshSessions();
  } catch (e) {
    status.textContent = 'Error: ' + e.message;
  }
}

$('talk-button').addEventListener('pointerdown', (event) => {
  event.preventDefault();
  pressed = true;
  startTalking().catch((e) => { $('session-status').textContent = 'Microphone: ' + e.message; });
});
['pointerup', 'pointerleave', 'pointercancel'].forEach((type) =>
  $('talk-button').addEventListener(type, () => { pressed = false; stopTalking(); }));

// ---- templates ------------------------------------------------------------------------------------

let templateFiles = {};

function showTemplate(name) {
  $('template-file').value = name;
  $('template-text').value = templateFiles[name] || '';
}

async function loadTemplates() {
  try {
    const t = await api('/api/templates');
    templateFiles = t.files;
    $('template-layer').textContent = `from ${t.layer}`;
    const names = Object.keys(templateFiles).sort((a, b) => (a === 'sentences.ini' ? -1 : b === 'sentences.ini' ? 1 : a.localeCompare(b)));
    $('template-file').replaceChildren(...names.map((n) => el('option', {value: n}, n)));
    showTemplate(names[0] || 'sentences.ini');
  } catch (e) {
    $('template-status').textContent = 'Templates unavailable: ' + e.message;
  }
}

$('template-file').addEventListener('change', (event) => showTemplate(event.target.value));
$('template-text').addEventListener('input', () => { templateFiles[$('template-file').value] = $('template-text').value; });
$('template-new-slot').addEventListener('click', () => {
  const name = (window.prompt('Slot list name (used as $name in sentences.ini)') || '').trim();
  if (!name) return;
  templateFiles['slots/' + name] = '';
  $('template-file').append(el('option', {value: 'slots/' + name}, 'slots/' + name));
  showTemplate('slots/' + name);
});

/** Selects line {@code line} (1-based) of the editor, where the NLU found the error. */
function selectLine(line) {
  const text = $('template-text').value;
  let start = 0;
  for (let i = 1; i < line && start >= 0; i++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start);
  $('template-text').focus();
  $('template-text').setSelectionRange(start, end < 0 ? text.length : end);
}

$('template-save').addEventListener('click', async () => {
  const status = $('template-status');
  status.className = 'muted';
  status.textContent = 'Training…';
  const response = await fetch('/api/templates', {method: 'PUT', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({files: templateFiles})});
  const body = await response.json();
  if (response.ok) {
    status.textContent = `trained (${body.id})`;
    $('template-layer').textContent = 'from data';
    return;
  }
  status.className = 'bad';
  const errors = body.errors || [];
  status.replaceChildren(...(errors.length ? errors.map((e) => el('span', {class: 'template-error', 'data-file': e.file, 'data-line': e.line},
    `${e.file}:${e.line}: ${e.reason}`)) : [body.detail]));
  const first = errors.find((e) => e.line > 0);
  if (first) {
    showTemplate(first.file);
    selectLine(first.line);
  }
});

// ---- live log ------------------------------------------------------------------------------------

let source = null;
const MAX_LINES = 300;

function summary(m) {
  if (m.format === 'json') return JSON.stringify(m.json);
  if (m.format === 'text') return m.text + (m.truncated ? '…' : '');
  return m.wav ? `WAV ${m.bytes} bytes, ${(m.wav.durationMs / 1000).toFixed(2)} s, ${m.wav.sampleRate} Hz`
    : `binary, ${m.bytes} bytes`;
}

function logLine(cls, topic, text) {
  const log = $('log');
  log.prepend(el('li', {class: cls}, el('time', {}, new Date().toLocaleTimeString()), el('span', {class: 'topic'}, topic),
    el('span', {class: 'payload'}, text)));
  while (log.children.length > MAX_LINES) log.lastChild.remove();
}

function stopLog() {
  if (source) source.close();
  source = null;
  $('log-toggle').textContent = 'Watch';
}

$('log-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (source) { stopLog(); $('log-state').textContent = 'stopped'; return; }
  const filters = $('log-filter').value.split(/[\s,]+/).filter(Boolean);
  const query = filters.map((f) => 'topic=' + encodeURIComponent(f)).join('&');
  source = new EventSource('/api/events' + (query ? '?' + query : ''));
  $('log-toggle').textContent = 'Stop';
  $('log-state').textContent = 'connecting…';
  source.addEventListener('subscribed', (e) => {
    $('log-state').textContent = 'watching ' + JSON.parse(e.data).filters.join(', ');
  });
  source.addEventListener('message', (e) => {
    const m = JSON.parse(e.data);
    if (m.droppedBefore) logLine('dropped', '…', `${m.droppedBefore} messages dropped`);
    logLine(m.retained ? 'retained' : '', m.topic, summary(m));
  });
  source.addEventListener('error', (e) => {
    if (e.data) $('log-state').textContent = JSON.parse(e.data).error;
    else if (source && source.readyState === EventSource.CLOSED) $('log-state').textContent = 'refused (check the filter: the gateway may watch chorus/status/+, chorus/error/+, hermes/#, rhasspy/#)';
    else $('log-state').textContent = 'reconnecting…';
    if (source && source.readyState === EventSource.CLOSED) stopLog();
  });
});
$('log-clear').addEventListener('click', () => $('log').replaceChildren());

// ---- header --------------------------------------------------------------------------------------

$('logout').addEventListener('click', async () => {
  await fetch('/api/logout', {method: 'POST'});
  window.location.replace('/login.html');
});
$('show-token').addEventListener('click', async () => {
  const box = $('token-box');
  if (box.hidden) $('token').textContent = 'Authorization: Bearer ' + (await api('/api/token')).token;
  box.hidden = !box.hidden;
});

refreshModules();
setInterval(refreshModules, 3000);
setInterval(renderModules, 1000);
loadPickers();
loadTemplates();
refreshSessions();
setInterval(refreshSessions, 2000);
