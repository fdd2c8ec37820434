// diplograph's page: draws the embedded graph and shows it as of a day.
// Everything it needs is in the data block; positions, days in force and
// folded names were computed by diplograph, so this script only tests
// membership, filters and draws. In live mode it asks the server instead.
(function () {
  'use strict';
  const DATA = JSON.parse(document.getElementById('diplograph-data').textContent);
  const root = document.getElementById('diplograph');
  const svg = document.getElementById('canvas');
  const NS = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);
  const nodes = DATA.nodes;
  const edges = DATA.edges;
  const idIndex = new Map(nodes.map((n, i) => [n.id, i]));
  const idLower = new Map(nodes.map((n, i) => [n.id.toLowerCase(), i]));
  const keyIndex = new Map(edges.map((e, i) => [e.key, i]));
  const entityLook = new Map(DATA.entityKinds.map((k) => [k.kind, k]));
  const relationLook = new Map(DATA.relationKinds.map((k) => [k.kind, k]));
  const adjacency = nodes.map(() => []);
  edges.forEach((e, i) => { adjacency[e.s].push(i); if (e.t !== e.s) adjacency[e.t].push(i); });

  const state = {
    day: null,            // day number shown, null for all time
    hiddenEntity: new Set(),
    hiddenRelation: new Set(),
    chosenNodes: new Set(), // the selection's entities that day
    chosenEdges: new Set(),
    visibleNodes: new Set(),
    visibleEdges: new Set(),
    selected: null,
    pathFrom: null,
    pathTo: null,
    pathEdges: new Set(),
    pathNodes: new Set(),
    request: 0,
  };

  // ---- days ----------------------------------------------------------
  const DAY_MS = 86400000;
  function dayOf(text) {
    const m = /^(-?\d{1,6})-(\d{2})-(\d{2})$/.exec(text || '');
    if (!m) return null;
    const d = new Date(0);
    d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    d.setUTCHours(0, 0, 0, 0);
    return Math.round(d.getTime() / DAY_MS);
  }
  function dateOf(day) {
    const d = new Date(day * DAY_MS);
    const y = d.getUTCFullYear();
    const pad = (n, w) => String(n).padStart(w, '0');
    const year = y >= 0 && y <= 9999 ? pad(y, 4) : String(y);
    return year + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2);
  }
  function within(days, day) {
    for (const [a, b] of days) {
      if ((a === null || a <= day) && (b === null || day < b)) return true;
    }
    return false;
  }
  const edgeOn = (e, day) => day === null || within(e.days, day);
  const nodeOn = (n, day) => day === null || n.days.length === 0 || within(n.days, day);

  // ---- names: the command line's resolution, over the embedded keys ---
  function fold(text) {
    let out = '';
    let pending = false;
    for (const c of String(text).normalize('NFD')) {
      if (/\p{M}/u.test(c)) continue;
      if (/\s/u.test(c) || c === '_' || c === '-') { pending = out.length > 0; continue; }
      if (pending) { out += ' '; pending = false; }
      out += c.toLowerCase();
    }
    return out;
  }
  const keyOwners = new Map();
  const wordOwners = new Map();
  const allKeys = [];
  nodes.forEach((n, i) => {
    for (const key of n.keys) {
      allKeys.push([key, i]);
      if (!keyOwners.has(key)) keyOwners.set(key, new Set());
      keyOwners.get(key).add(i);
      for (const word of key.split(' ')) {
        if (!wordOwners.has(word)) wordOwners.set(word, new Set());
        wordOwners.get(word).add(i);
      }
    }
  });
  const sorted = (set) => Array.from(set || []).sort((a, b) => a - b);
  function abbreviated(text) {
    const key = fold(text).replace(/\./g, '');
    const found = DATA.abbreviations.find(([short]) => short === key.toLowerCase());
    if (!found) return undefined;
    const pos = idLower.get(found[1].toLowerCase());
    return pos === undefined ? null : pos;
  }
  function resolve(text) {
    const key = fold(text);
    const exact = sorted(keyOwners.get(key));
    if (exact.length === 1) return { found: exact[0], how: 'exact' };
    if (exact.length > 1) return { candidates: exact };
    const abbr = abbreviated(text);
    if (abbr !== undefined) return abbr === null ? { candidates: [] } : { found: abbr, how: 'abbreviation' };
    if (key.includes(' ')) return { candidates: [] };
    const words = sorted(wordOwners.get(key));
    if (words.length === 1) return { found: words[0], how: 'word' };
    return { candidates: words };
  }
  function jaro(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (a.length === 0 && b.length === 0) return 1;
    if (a.length === 0 || b.length === 0) return 0;
    const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
    const af = new Array(a.length).fill(false);
    const bf = new Array(b.length).fill(false);
    let matches = 0;
    for (let i = 0; i < a.length; i++) {
      const lo = i > range ? i - range : 0;
      const hi = Math.min(b.length, i + range + 1);
      for (let j = lo; j < hi; j++) {
        if (a[i] === b[j] && !bf[j]) { af[i] = true; bf[j] = true; matches++; break; }
      }
    }
    if (matches === 0) return 0;
    let t = 0; let j = 0;
    for (let i = 0; i < a.length; i++) {
      if (!af[i]) continue;
      while (!bf[j]) j++;
      if (a[i] !== b[j]) t++;
      j++;
    }
    t = Math.floor(t / 2);
    return (matches / a.length + matches / b.length + (matches - t) / matches) / 3;
  }
  function jaroWinkler(a, b) {
    const sim = jaro(a, b);
    if (sim <= 0.7) return sim;
    const x = Array.from(a); const y = Array.from(b);
    let p = 0;
    while (p < 4 && p < x.length && p < y.length && x[p] === y[p]) p++;
    return sim + 0.1 * p * (1 - sim);
  }
  function suggest(text, limit) {
    const abbr = abbreviated(text);
    if (abbr !== undefined) return abbr === null ? [] : [abbr];
    const key = fold(text);
    if (!key) return [];
    const best = new Map();
    for (const [cand, pos] of allKeys) {
      let score;
      if (key.includes(' ') || !cand.includes(' ')) score = jaroWinkler(key, cand);
      else score = Math.max(0, ...cand.split(' ').map((w) => jaroWinkler(key, w) * 0.9));
      if (key.length >= 4 && cand.length >= 4 && (cand.includes(key) || key.includes(cand))) score = Math.max(score, 0.9);
      if (score > (best.get(pos) || 0)) best.set(pos, score);
    }
    const top = Math.max(0, ...best.values());
    return Array.from(best.entries())
      .filter(([, s]) => s >= 0.82 && s >= top - 0.05)
      .sort((x, y) => y[1] - x[1] || (nodes[x[0]].id < nodes[y[0]].id ? -1 : nodes[x[0]].id > nodes[y[0]].id ? 1 : 0))
      .slice(0, limit)
      .map(([pos]) => pos);
  }

  // ---- the selection on a day (mirrors query::subgraph::select) -------
  function chooseStatic(day) {
    const chosenNodes = new Set();
    const chosenEdges = new Set();
    const inForce = [];
    edges.forEach((e, i) => { if (edgeOn(e, day)) inForce.push(i); });
    const sel = DATA.selection;
    if (day === null) {
      nodes.forEach((n, i) => chosenNodes.add(i));
      inForce.forEach((i) => chosenEdges.add(i));
    } else if (sel.focus === null) {
      inForce.forEach((i) => chosenEdges.add(i));
      if (sel.via.length === 0) {
        nodes.forEach((n, i) => { if (nodeOn(n, day)) chosenNodes.add(i); });
      } else {
        inForce.forEach((i) => { chosenNodes.add(edges[i].s); chosenNodes.add(edges[i].t); });
      }
    } else {
      const focus = idIndex.get(sel.focus);
      const on = new Set(inForce);
      const dist = new Map([[focus, 0]]);
      const queue = [focus];
      while (queue.length) {
        const v = queue.shift();
        const d = dist.get(v);
        if (d === sel.depth) continue;
        for (const i of adjacency[v]) {
          if (!on.has(i)) continue;
          const e = edges[i];
          const other = e.s === v ? e.t : e.s;
          if (!dist.has(other)) { dist.set(other, d + 1); queue.push(other); }
        }
      }
      dist.forEach((_, v) => chosenNodes.add(v));
      inForce.forEach((i) => { if (chosenNodes.has(edges[i].s) && chosenNodes.has(edges[i].t)) chosenEdges.add(i); });
    }
    return Promise.resolve({ chosenNodes, chosenEdges });
  }
  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of params) if (v !== null && v !== undefined) q.append(k, v);
    return q.toString();
  }
  async function ask(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.error ? body.error : 'the server answered ' + response.status;
      throw new Error(message);
    }
    return body;
  }
  function selectionParams() {
    const sel = DATA.selection;
    const params = sel.via.map((k) => ['via', k]);
    if (sel.focus !== null) { params.push(['focus', sel.focus]); params.push(['depth', String(sel.depth)]); }
    return params;
  }
  async function chooseLive(day) {
    if (day === null) return chooseStatic(null);
    const body = await ask('api/export?' + query([['as_of', dateOf(day)]].concat(selectionParams())));
    const chosenNodes = new Set();
    const chosenEdges = new Set();
    for (const n of body.nodes || []) { const i = idIndex.get(n.id); if (i !== undefined) chosenNodes.add(i); }
    for (const l of body.links || []) { const i = keyIndex.get(l.key); if (i !== undefined) chosenEdges.add(i); }
    return { chosenNodes, chosenEdges };
  }
  const choose = DATA.live ? chooseLive : chooseStatic;

  // ---- drawing -------------------------------------------------------
  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function dashOf(style, width) {
    if (style === 'dashed') return (4 * width + 2) + ' ' + (3 * width + 1);
    if (style === 'dotted') return '1.5 ' + (2 * width + 2);
    return null;
  }
  const strokeOf = (look) => (look.style === 'bold' ? look.width * 1.6 : look.width);
  const size = nodes.map((n) => {
    const lines = n.label.split('\n');
    const longest = Math.max(...lines.map((l) => Array.from(l).length));
    return { w: Math.max(40, longest * 6.4 + 16), h: 10 + 13 * lines.length, lines };
  });
  function shapePath(shape, w, h) {
    const x = w / 2; const y = h / 2; const c = Math.min(8, h / 3);
    switch (shape) {
      case 'hexagon': return `M${-x},0 L${-x + c},${-y} L${x - c},${-y} L${x},0 L${x - c},${y} L${-x + c},${y} Z`;
      case 'octagon': return `M${-x + c},${-y} L${x - c},${-y} L${x},${-y + c} L${x},${y - c} L${x - c},${y} L${-x + c},${y} L${-x},${y - c} L${-x},${-y + c} Z`;
      case 'note': return `M${-x},${-y} L${x - c},${-y} L${x},${-y + c} L${x},${y} L${-x},${y} Z`;
      case 'cds': return `M${-x},${-y} L${x - c},${-y} L${x},0 L${x - c},${y} L${-x},${y} Z`;
      default: return `M${-x},${-y} H${x} V${y} H${-x} Z`;
    }
  }
  const viewport = el('g', { id: 'viewport' }, svg);
  const defs = el('defs', {}, viewport);
  for (const look of DATA.relationKinds) {
    if (look.arrow === 'none') continue;
    const m = el('marker', { id: 'arrow-' + look.kind, viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' }, defs);
    if (look.arrow === 'tee') el('path', { d: 'M8,0 L8,10 L10,10 L10,0 Z', fill: look.color }, m);
    else if (look.arrow === 'empty' || look.arrow === 'odot' || look.arrow === 'diamond') el('path', { d: 'M0,0 L10,5 L0,10 Z', fill: '#fff', stroke: look.color }, m);
    else el('path', { d: 'M0,0 L10,5 L0,10 Z', fill: look.color }, m);
  }
  const edgeLayer = el('g', { id: 'edges' }, viewport);
  const nodeLayer = el('g', { id: 'nodes' }, viewport);
  // Parallel relations between one pair bend apart.
  const pairs = new Map();
  edges.forEach((e, i) => {
    const k = Math.min(e.s, e.t) + ':' + Math.max(e.s, e.t);
    if (!pairs.has(k)) pairs.set(k, []);
    pairs.get(k).push(i);
  });
  function boundary(i, towards) {
    const n = nodes[i]; const s = size[i];
    const dx = towards[0] - n.x; const dy = towards[1] - n.y;
    if (dx === 0 && dy === 0) return [n.x, n.y];
    const t = Math.min(dx === 0 ? Infinity : (s.w / 2 + 2) / Math.abs(dx), dy === 0 ? Infinity : (s.h / 2 + 2) / Math.abs(dy));
    return t >= 1 ? [n.x, n.y] : [n.x + dx * t, n.y + dy * t];
  }
  const edgeEls = edges.map((e, i) => {
    const look = relationLook.get(e.kind);
    const a = nodes[e.s]; const b = nodes[e.t];
    const group = pairs.get(Math.min(e.s, e.t) + ':' + Math.max(e.s, e.t));
    const k = group.indexOf(i) - (group.length - 1) / 2;
    let d;
    if (e.s === e.t) {
      const s = size[e.s];
      d = `M${a.x + s.w / 4},${a.y - s.h / 2} C${a.x + s.w},${a.y - s.h * 2} ${a.x + s.w},${a.y + s.h} ${a.x + s.w / 2},${a.y}`;
    } else {
      const dx = b.x - a.x; const dy = b.y - a.y; const len = Math.hypot(dx, dy) || 1;
      const sign = e.s < e.t ? 1 : -1;
      const off = k * 16 * sign;
      const cx = (a.x + b.x) / 2 - (dy / len) * off * 2;
      const cy = (a.y + b.y) / 2 + (dx / len) * off * 2;
      const p = boundary(e.s, [cx, cy]); const q = boundary(e.t, [cx, cy]);
      d = off === 0 ? `M${p[0]},${p[1]} L${q[0]},${q[1]}` : `M${p[0]},${p[1]} Q${cx},${cy} ${q[0]},${q[1]}`;
    }
    const attrs = { class: 'edge kind-' + e.kind, 'data-key': e.key, 'data-kind': e.kind, d, stroke: look.color, 'stroke-width': strokeOf(look) };
    const dash = dashOf(look.style, look.width);
    if (dash) attrs['stroke-dasharray'] = dash;
    if (look.arrow !== 'none') attrs['marker-end'] = 'url(#arrow-' + e.kind + ')';
    const p = el('path', attrs, edgeLayer);
    el('title', {}, p).textContent = a.name + ' ' + e.phrase + ' ' + b.name;
    return p;
  });
  const ringEls = [];
  const nodeEls = nodes.map((n, i) => {
    const look = entityLook.get(n.kind);
    const s = size[i];
    const g = el('g', { class: 'node kind-' + n.kind, 'data-id': n.id, 'data-kind': n.kind, transform: `translate(${n.x},${n.y})` }, nodeLayer);
    ringEls.push(el('path', { class: 'ring hidden', d: shapePath(look.shape, s.w + 8, s.h + 8) }, g));
    if (look.shape === 'ellipse') el('ellipse', { class: 'shape', rx: s.w / 2, ry: s.h / 2, fill: look.fill, stroke: look.line }, g);
    else el('path', { class: 'shape', d: shapePath(look.shape, s.w, s.h), fill: look.fill, stroke: look.line }, g);
    const text = el('text', { 'text-anchor': 'middle', fill: look.line }, g);
    s.lines.forEach((line, k) => {
      el('tspan', { x: 0, y: (k - (s.lines.length - 1) / 2) * 13 + 4 }, text).textContent = line;
    });
    el('title', {}, g).textContent = n.name + ' (' + n.id + '): ' + n.kind;
    g.addEventListener('click', (ev) => {
      ev.stopPropagation();
      if (ev.shiftKey && state.selected !== null && state.selected !== i) {
        state.pathFrom = state.selected; state.pathTo = i; findPath();
      } else {
        select(i);
      }
    });
    return g;
  });

  // ---- pan and zoom --------------------------------------------------
  const view = { x: 0, y: 0, k: 1 };
  function applyView() { viewport.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`); }
  function fit() {
    const r = svg.getBoundingClientRect();
    if (!nodes.length || !r.width || !r.height) { applyView(); return; }
    let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
    nodes.forEach((n, i) => {
      x0 = Math.min(x0, n.x - size[i].w / 2); x1 = Math.max(x1, n.x + size[i].w / 2);
      y0 = Math.min(y0, n.y - size[i].h / 2); y1 = Math.max(y1, n.y + size[i].h / 2);
    });
    const pad = 20;
    view.k = Math.min((r.width - 2 * pad) / Math.max(1, x1 - x0), (r.height - 2 * pad) / Math.max(1, y1 - y0), 2);
    view.x = (r.width - (x1 - x0) * view.k) / 2 - x0 * view.k;
    view.y = (r.height - (y1 - y0) * view.k) / 2 - y0 * view.k;
    applyView();
  }
  function zoom(factor, cx, cy) {
    const r = svg.getBoundingClientRect();
    if (cx === undefined) { cx = r.width / 2; cy = r.height / 2; }
    const k = Math.min(20, Math.max(0.05, view.k * factor));
    view.x = cx - (cx - view.x) * (k / view.k);
    view.y = cy - (cy - view.y) * (k / view.k);
    view.k = k;
    applyView();
  }
  function centreOn(i) {
    const r = svg.getBoundingClientRect();
    view.x = r.width / 2 - nodes[i].x * view.k;
    view.y = r.height / 2 - nodes[i].y * view.k;
    applyView();
  }
  svg.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.target.closest && ev.target.closest('g.node')) return;
    drag = { x: ev.clientX - view.x, y: ev.clientY - view.y };
    svg.classList.add('dragging');
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    view.x = ev.clientX - drag.x; view.y = ev.clientY - drag.y; applyView();
  });
  const endDrag = () => { drag = null; svg.classList.remove('dragging'); };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);
  $('zoom-in').addEventListener('click', () => zoom(1.25));
  $('zoom-out').addEventListener('click', () => zoom(1 / 1.25));
  $('zoom-fit').addEventListener('click', fit);

  // ---- legend and filters --------------------------------------------
  const legend = $('legend');
  const countEls = new Map();
  function legendRow(section, kind, label, sample, hidden, group) {
    const row = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox'; box.checked = true; box.id = 'filter-' + group + '-' + kind;
    box.dataset.kind = kind;
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(kind); else hidden.add(kind);
      applyFilters();
    });
    row.appendChild(box);
    row.appendChild(sample);
    const name = document.createElement('span'); name.textContent = label; row.appendChild(name);
    const count = document.createElement('span'); count.className = 'count'; row.appendChild(count);
    countEls.set(group + ':' + kind, count);
    section.appendChild(row);
  }
  function heading(text) { const h = document.createElement('h2'); h.textContent = text; legend.appendChild(h); }
  heading('Entities');
  for (const look of DATA.entityKinds) {
    const s = el('svg', { width: 26, height: 16, viewBox: '-13 -8 26 16' });
    if (look.shape === 'ellipse') el('ellipse', { rx: 11, ry: 6, fill: look.fill, stroke: look.line }, s);
    else el('path', { d: shapePath(look.shape, 22, 12), fill: look.fill, stroke: look.line }, s);
    legendRow(legend, look.kind, look.label, s, state.hiddenEntity, 'entity');
  }
  heading('Relations');
  for (const look of DATA.relationKinds) {
    const s = el('svg', { width: 30, height: 12 });
    const attrs = { x1: 2, y1: 6, x2: 28, y2: 6, stroke: look.color, 'stroke-width': strokeOf(look) };
    const dash = dashOf(look.style, look.width);
    if (dash) attrs['stroke-dasharray'] = dash;
    el('line', attrs, s);
    legendRow(legend, look.kind, look.label, s, state.hiddenRelation, 'relation');
  }
  if (DATA.ring !== null) {
    const p = document.createElement('p'); p.className = 'hint';
    p.textContent = 'Rings: status in ' + nodes[DATA.ring].name + ' (solid: member, dotted: observer, dashed: dialogue partner).';
    legend.appendChild(p);
  }

  // ---- applying the day and the filters --------------------------------
  function applyFilters() {
    const vn = new Set(); const ve = new Set();
    state.chosenNodes.forEach((i) => { if (!state.hiddenEntity.has(nodes[i].kind)) vn.add(i); });
    state.chosenEdges.forEach((i) => {
      const e = edges[i];
      if (!state.hiddenRelation.has(e.kind) && vn.has(e.s) && vn.has(e.t)) ve.add(i);
    });
    state.visibleNodes = vn; state.visibleEdges = ve;
    nodeEls.forEach((g, i) => g.classList.toggle('hidden', !vn.has(i)));
    edgeEls.forEach((p, i) => p.classList.toggle('hidden', !ve.has(i)));
    // Rings by the strongest status in the ring organization that day.
    const rank = { member: 3, observer: 2, dialogue_partner: 1 };
    const status = new Map();
    if (DATA.ring !== null) {
      ve.forEach((i) => {
        const e = edges[i];
        if (!(e.kind in rank)) return;
        const other = e.t === DATA.ring ? e.s : e.s === DATA.ring ? e.t : null;
        if (other === null) return;
        if (!status.has(other) || rank[status.get(other)] < rank[e.kind]) status.set(other, e.kind);
      });
    }
    ringEls.forEach((r, i) => {
      const kind = status.get(i);
      r.classList.toggle('hidden', !kind);
      if (kind) {
        const look = relationLook.get(kind);
        r.setAttribute('stroke', look.color);
        r.setAttribute('stroke-dasharray', kind === 'member' ? '' : kind === 'observer' ? '2 3' : '6 3');
        nodeEls[i].dataset.status = kind;
      } else {
        delete nodeEls[i].dataset.status;
      }
    });
    const counts = new Map();
    vn.forEach((i) => counts.set('entity:' + nodes[i].kind, (counts.get('entity:' + nodes[i].kind) || 0) + 1));
    state.chosenEdges.forEach((i) => {
      const e = edges[i];
      if (vn.has(e.s) && vn.has(e.t)) counts.set('relation:' + e.kind, (counts.get('relation:' + e.kind) || 0) + 1);
    });
    state.chosenNodes.forEach((i) => {
      const k = 'entity:' + nodes[i].kind;
      if (state.hiddenEntity.has(nodes[i].kind)) counts.set(k, (counts.get(k) || 0));
    });
    countEls.forEach((span, k) => { span.textContent = String(counts.get(k) || 0); });
    root.dataset.visibleEntities = String(vn.size);
    root.dataset.visibleRelations = String(ve.size);
    if (state.pathFrom !== null && state.pathTo !== null && !DATA.live) findPath();
  }

  const slider = $('date-slider');
  const input = $('date-input');
  const allTime = $('all-time');
  slider.min = String(DATA.span[0]);
  slider.max = String(DATA.span[1]);
  async function setDay(day, fromHash) {
    state.day = day;
    const token = ++state.request;
    const label = day === null ? 'all-time' : dateOf(day);
    root.dataset.date = label;
    allTime.checked = day === null;
    slider.disabled = day === null;
    input.disabled = day === null;
    if (day !== null) {
      input.value = label;
      slider.value = String(Math.min(DATA.span[1], Math.max(DATA.span[0], day)));
    }
    if (!fromHash) {
      const hash = day === null ? '#all-time' : '#as-of=' + label;
      if (location.hash !== hash) history.replaceState(null, '', hash);
    }
    showCaveats(day);
    try {
      const chosen = await choose(day);
      if (token !== state.request) return;
      state.chosenNodes = chosen.chosenNodes;
      state.chosenEdges = chosen.chosenEdges;
      status('');
      applyFilters();
      if (state.selected !== null) showDetails(state.selected);
      if (DATA.live && state.pathFrom !== null && state.pathTo !== null) findPath();
    } catch (err) {
      if (token === state.request) status(err.message);
    }
    if (root.dataset.ready !== 'true') root.dataset.readyMs = String(Math.round(performance.now()));
    root.dataset.ready = 'true';
  }
  function status(text) { $('status').textContent = text; }
  // What the command line notes on stderr for the day shown (that the
  // facts were last checked before it, that sources do not cover it), as
  // runs of days computed in Rust: unknown is not shown as nothing.
  function showCaveats(day) {
    const notes = day === null ? [] : DATA.caveats
      .filter((r) => (r.from === null || r.from <= day) && (r.until === null || day < r.until))
      .flatMap((r) => r.notes);
    $('notes').replaceChildren(...notes.map((n) => textEl('div', 'note: ' + n, 'caveat')));
    root.dataset.notes = String(notes.length);
  }
  slider.addEventListener('input', () => setDay(Number(slider.value)));
  input.addEventListener('change', () => { const d = dayOf(input.value); if (d !== null) setDay(d); });
  allTime.addEventListener('change', () => {
    if (allTime.checked) setDay(null);
    else setDay(dayOf(input.value) ?? (DATA.date ? dayOf(DATA.date) : DATA.span[1]));
  });
  function dayFromHash() {
    const h = decodeURIComponent(location.hash.replace(/^#/, ''));
    if (h === 'all-time') return { day: null };
    const m = /^as-of=(.+)$/.exec(h);
    if (m) { const d = dayOf(m[1]); if (d !== null) return { day: d }; }
    return undefined;
  }
  window.addEventListener('hashchange', () => {
    const h = dayFromHash();
    if (h && h.day !== state.day) setDay(h.day, true);
  });

  // ---- details -------------------------------------------------------
  function textEl(tag, text, cls) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    e.textContent = text;
    return e;
  }
  function entityButton(id) {
    const i = idIndex.get(id);
    const b = document.createElement('button');
    b.className = 'link'; b.type = 'button';
    b.textContent = i === undefined ? id : nodes[i].name + ' (' + id + ')';
    if (i !== undefined) b.addEventListener('click', () => { select(i); centreOn(i); });
    else b.disabled = true;
    return b;
  }
  function dates(r) {
    const since = r.since ? 'since ' + r.since : 'since: not recorded';
    const until = r.until ? 'until ' + r.until : 'until: not recorded';
    return since + '; ' + until;
  }
  // One rendering for both modes: `relations` have the shape of `show --format json`.
  function renderDetails(i, relations) {
    const n = nodes[i];
    const box = $('details');
    box.replaceChildren();
    box.dataset.id = n.id;
    box.appendChild(textEl('h2', n.name + ' (' + n.id + ')'));
    box.appendChild(textEl('div', n.kind + (n.aliases.length ? '; also ' + n.aliases.join(', ') : ''), 'hint'));
    if (n.note) box.appendChild(textEl('p', n.note, 'note'));
    const buttons = document.createElement('div');
    for (const [label, which] of [['Path from here', 'from'], ['Path to here', 'to']]) {
      const b = document.createElement('button');
      b.type = 'button'; b.id = 'path-' + which; b.textContent = label;
      b.addEventListener('click', () => {
        if (which === 'from') state.pathFrom = i; else state.pathTo = i;
        if (state.pathFrom !== null && state.pathTo !== null) findPath();
        else $('path').replaceChildren(textEl('p', 'Path from ' + n.name + ': pick the other end.', 'hint'));
      });
      buttons.appendChild(b);
    }
    box.appendChild(buttons);
    const day = state.day === null ? 'all time' : dateOf(state.day);
    box.appendChild(textEl('h2', relations.length + ' relation' + (relations.length === 1 ? '' : 's') + ' in force (' + day + ')'));
    const list = document.createElement('ul');
    list.className = 'relations';
    for (const r of relations) {
      const li = document.createElement('li');
      li.dataset.kind = r.kind;
      let what = r.kind.replace(/_/g, ' ');
      if (r.role) what = (r.acting ? 'acting ' : '') + r.role;
      if (r.position) what += ' (' + r.position + ')';
      if (r.over) what += ' over ' + r.over;
      const outgoing = r.from === n.id;
      li.appendChild(textEl('b', what));
      li.appendChild(document.createTextNode(outgoing ? ' → ' : ' ← '));
      li.appendChild(entityButton(outgoing ? r.to : r.from));
      li.appendChild(textEl('span', dates(r), 'dates'));
      const src = textEl('span', '', 'src');
      if (r.source) {
        src.textContent = 'source: ' + r.source;
        const s = DATA.sources[r.source];
        if (s) {
          src.textContent += ', ' + s.title;
          if (s.url) {
            src.appendChild(document.createTextNode(' '));
            const a = document.createElement('a');
            a.href = s.url; a.textContent = s.url; a.rel = 'noopener noreferrer'; a.target = '_blank';
            src.appendChild(a);
          }
        }
      } else {
        src.textContent = 'source: not recorded';
      }
      li.appendChild(src);
      if (r.note) li.appendChild(textEl('span', r.note, 'note'));
      list.appendChild(li);
    }
    box.appendChild(list);
  }
  function relationsStatic(i) {
    const mine = adjacency[i].filter((k) => edgeOn(edges[k], state.day));
    const out = mine.filter((k) => edges[k].s === i);
    const inc = mine.filter((k) => edges[k].s !== i);
    return out.concat(inc).map((k) => edges[k]);
  }
  async function showDetails(i) {
    const token = state.request;
    if (!DATA.live || state.day === null) { renderDetails(i, relationsStatic(i)); return; }
    try {
      const body = await ask('api/show/' + encodeURIComponent(nodes[i].id) + '?' + query([['as_of', dateOf(state.day)]]));
      if (token === state.request && state.selected === i) renderDetails(i, body.relations || []);
    } catch (err) { status(err.message); }
  }
  function select(i) {
    if (state.selected !== null) nodeEls[state.selected].classList.remove('selected');
    state.selected = i;
    nodeEls[i].classList.add('selected');
    root.dataset.selected = nodes[i].id;
    showDetails(i);
  }

  // ---- paths ---------------------------------------------------------
  function bfsPath(a, b) {
    const back = new Map([[a, null]]);
    const queue = [a];
    while (queue.length) {
      const v = queue.shift();
      if (v === b) break;
      for (const k of adjacency[v]) {
        if (!state.visibleEdges.has(k)) continue;
        const e = edges[k];
        const w = e.s === v ? e.t : e.s;
        if (!back.has(w)) { back.set(w, k); queue.push(w); }
      }
    }
    if (!back.has(b)) return null;
    const steps = [];
    let v = b;
    while (v !== a) { const k = back.get(v); steps.unshift(k); const e = edges[k]; v = e.s === v ? e.t : e.s; }
    return steps;
  }
  function stepsLive(body) {
    const first = Array.isArray(body) ? body[0] : body;
    if (!first || !first.nodes) return null;
    const steps = [];
    (first.steps || []).forEach((step, k) => {
      const a = first.nodes[k]; const b = first.nodes[k + 1];
      const candidates = edges.map((e, i) => i).filter((i) => {
        const e = edges[i];
        return e.kind === step.kind && e.from === step.from && e.to === step.to;
      });
      const exact = candidates.find((i) => edges[i].since === step.since && edges[i].until === step.until);
      const pick = exact !== undefined ? exact : candidates[0];
      if (pick !== undefined) steps.push(pick);
      else {
        const any = edges.findIndex((e) => (e.from === a && e.to === b) || (e.from === b && e.to === a));
        if (any >= 0) steps.push(any);
      }
    });
    return steps;
  }
  function renderPath(steps) {
    state.pathEdges.forEach((k) => edgeEls[k].classList.remove('on-path'));
    state.pathNodes.forEach((i) => nodeEls[i].classList.remove('on-path'));
    state.pathEdges = new Set(); state.pathNodes = new Set();
    const box = $('path');
    box.replaceChildren();
    const a = nodes[state.pathFrom]; const b = nodes[state.pathTo];
    const day = state.day === null ? 'all time' : dateOf(state.day);
    if (steps === null) {
      box.appendChild(textEl('p', 'No path from ' + a.name + ' to ' + b.name + ' (' + day + ', visible relations).', 'hint'));
      root.dataset.pathHops = '-1';
      return;
    }
    box.appendChild(textEl('h2', 'Path: ' + a.name + ' to ' + b.name + ', ' + steps.length + ' hop' + (steps.length === 1 ? '' : 's')));
    const list = document.createElement('ol');
    let v = state.pathFrom;
    state.pathNodes.add(v);
    for (const k of steps) {
      const e = edges[k];
      const w = e.s === v ? e.t : e.s;
      const li = document.createElement('li');
      li.dataset.key = e.key;
      li.textContent = nodes[v].name + ' — ' + e.phrase + (e.s === v ? ' → ' : ' ← ') + nodes[w].name;
      list.appendChild(li);
      state.pathEdges.add(k); state.pathNodes.add(w);
      v = w;
    }
    box.appendChild(list);
    state.pathEdges.forEach((k) => edgeEls[k].classList.add('on-path'));
    state.pathNodes.forEach((i) => nodeEls[i].classList.add('on-path'));
    root.dataset.pathHops = String(steps.length);
  }
  async function findPath() {
    if (!DATA.live || state.day === null) { renderPath(bfsPath(state.pathFrom, state.pathTo)); return; }
    const token = state.request;
    try {
      const body = await ask('api/path?' + query([['from', nodes[state.pathFrom].id], ['to', nodes[state.pathTo].id], ['as_of', dateOf(state.day)]]));
      if (token === state.request) renderPath(stepsLive(body));
    } catch (err) {
      status(err.message);
      renderPath(null);
    }
  }

  // ---- search --------------------------------------------------------
  const search = $('search');
  const result = $('search-result');
  function runSearch() {
    const text = search.value;
    result.replaceChildren();
    if (!fold(text)) return;
    const r = resolve(text);
    if (r.found !== undefined) {
      select(r.found);
      centreOn(r.found);
      result.textContent = nodes[r.found].name + ' (' + nodes[r.found].id + ')';
      return;
    }
    const offer = r.candidates.length ? r.candidates : suggest(text, 3);
    result.appendChild(document.createTextNode(r.candidates.length ? 'which one? ' : offer.length ? 'did you mean ' : 'no entity is called that'));
    offer.forEach((i) => result.appendChild(entityButton(nodes[i].id)));
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') runSearch(); });
  svg.addEventListener('click', (ev) => { if (ev.target === svg) { /* background click keeps the selection */ } });

  // ---- start ---------------------------------------------------------
  const fromHash = dayFromHash();
  const initial = fromHash ? fromHash.day : DATA.date ? dayOf(DATA.date) : null;
  fit();
  window.addEventListener('resize', fit);
  setDay(initial, true);
}());
