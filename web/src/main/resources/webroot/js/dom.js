// Small DOM builders. Text always goes in through textContent, never innerHTML, because job
// names, user names and host names come from users.

/**
 * el('td', {cls: 'num', text: '42', href, title, data: {k: v}, onClick}, [children])
 */
export function el(tag, opts = {}, children = []) {
  const node = document.createElement(tag);
  if (opts.cls) node.className = opts.cls;
  if (opts.text !== undefined && opts.text !== null) node.textContent = String(opts.text);
  if (opts.href) node.setAttribute('href', opts.href);
  if (opts.title) node.setAttribute('title', opts.title);
  if (opts.type) node.setAttribute('type', opts.type);
  if (opts.data) for (const [k, v] of Object.entries(opts.data)) node.dataset[k] = String(v);
  if (opts.onClick) node.addEventListener('click', opts.onClick);
  for (const c of children) {
    if (c !== null && c !== undefined) node.append(c);
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A table with a header row; rows are arrays of cells (strings or {text, cls, node}). */
export function table(headers, rows, cls = 'grid') {
  const thead = el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { text: h })))]);
  const tbody = el('tbody', {}, rows.map((r) => row(r)));
  return el('table', { cls }, [thead, tbody]);
}

export function row(cells) {
  return el('tr', {}, cells.map((c) => {
    if (c && typeof c === 'object' && !(c instanceof Node)) {
      const td = el('td', { cls: c.cls, text: c.node ? undefined : c.text });
      if (c.node) td.append(c.node);
      return td;
    }
    if (c instanceof Node) return el('td', {}, [c]);
    return el('td', { text: c });
  }));
}

/** A label/value list (<dl>). */
export function facts(pairs) {
  const dl = el('dl', { cls: 'facts' });
  for (const [k, v] of pairs) {
    dl.append(el('dt', { text: k }));
    dl.append(v instanceof Node ? el('dd', {}, [v]) : el('dd', { text: v }));
  }
  return dl;
}
