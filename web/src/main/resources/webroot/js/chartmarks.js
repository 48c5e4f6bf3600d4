// Health events and bottleneck hints of a job (GET /api/v1/jobs/{id} "events" and "hints") as
// vertical marks on the job's time charts, at the moment they happened. Labels are plain text on
// the canvas: a formatter function returns the string as is (no {a}/{b} templates, no rich text),
// so a host or job name with braces or markup stays text.

const LABEL_MAX_CHARS = 48;

const COLOURS = {
  critical: '#c62828',
  warning: '#e65100',
  info: '#1565c0',
  resolved: '#2e7d32',
  hint: '#6a1b9a',
};

/** Cuts a label to a length that fits beside a line; the whole text is in the mark's name. */
export function shortLabel(text) {
  const s = String(text ?? '');
  return s.length <= LABEL_MAX_CHARS ? s : s.slice(0, LABEL_MAX_CHARS - 1) + '\u2026';
}

function colourOf(kind, severity) {
  if (kind === 'alert_resolved') return COLOURS.resolved;
  return COLOURS[severity] || COLOURS.warning;
}

/**
 * Marks [{timeMs, text, detail, colour, dashed, kind}] from the job's events and hints, oldest first.
 * Events: 'alert_fired' solid in its severity's colour, 'alert_resolved' dashed green. Hints: one
 * dashed mark when the hint became active ("hint: data loading?"), another when it resolved. Marks
 * outside [fromMs, toMs] (when given) are left out; an event without a time is skipped.
 */
export function jobMarks(job, fromMs = -Infinity, toMs = Infinity) {
  const marks = [];
  const inside = (t) => Number.isFinite(t) && t >= fromMs && t <= toMs;
  for (const e of (job && job.events) || []) {
    if (!inside(e.time_ms)) continue;
    const resolved = e.kind === 'alert_resolved';
    marks.push({
      timeMs: e.time_ms,
      // The rule names the kind briefly ("gpu_temperature_critical"); the summary, with its GPU UUID
      // and numbers, is too long beside a line and is listed above the charts.
      text: (resolved ? 'resolved: ' : '') + (e.rule || e.summary || 'event'),
      detail: e.summary || e.rule || 'event',
      colour: colourOf(e.kind, e.severity),
      dashed: resolved,
      kind: resolved ? 'resolved' : 'fired',
    });
  }
  for (const h of (job && job.hints) || []) {
    const text = 'hint: ' + (h.summary || h.rule || '');
    if (inside(h.active_at_ms)) marks.push({ timeMs: h.active_at_ms, text, colour: COLOURS.hint, dashed: true, kind: 'hint' });
    if (inside(h.resolved_at_ms)) marks.push({ timeMs: h.resolved_at_ms, text: 'hint over: ' + (h.summary || h.rule || ''), colour: COLOURS.resolved, dashed: true, kind: 'hint_resolved' });
  }
  return marks.sort((a, b) => a.timeMs - b.timeMs);
}

/**
 * ECharts markLine for marks: one vertical line per mark (xAxis = its time), its label a function
 * returning the text unchanged, and no symbols at the ends.
 */
export function markLineOption(marks) {
  return {
    silent: false,
    symbol: ['none', 'none'],
    animation: false,
    data: marks.map((m) => {
      const text = shortLabel(m.text);
      return {
        name: m.names ? m.names.join('\n') : (m.detail ?? m.text),
        xAxis: m.timeMs,
        lineStyle: { color: m.colour, type: m.dashed ? 'dashed' : 'solid', width: 2 },
        label: {
          show: true,
          position: 'insideEndTop',
          color: m.colour,
          fontSize: 12,
          formatter: () => text,
        },
      };
    }),
  };
}

const RANK = { '#c62828': 5, '#e65100': 4, '#6a1b9a': 3, '#1565c0': 2, '#2e7d32': 1 };

/**
 * Joins marks closer than minGapMs to the first of their run into one mark, so that a burst (eight
 * GPUs of a node overheating in the same second) is one readable line, not eight labels on top of
 * each other: the text of the first with "(+N more)", the colour of the most severe, solid when
 * any is, and every text in its name. Input oldest first, as jobMarks gives it.
 */
export function mergeMarks(marks, minGapMs) {
  const out = [];
  let run = null;
  for (const m of marks) {
    if (run && m.timeMs - run.first.timeMs < minGapMs) {
      run.members.push(m);
      continue;
    }
    run = { first: m, members: [m] };
    out.push(run);
  }
  return out.map(({ first, members }) => {
    if (members.length === 1) return first;
    const worst = members.reduce((a, b) => ((RANK[b.colour] || 0) > (RANK[a.colour] || 0) ? b : a));
    return {
      timeMs: first.timeMs,
      text: worst.text + ' (+' + (members.length - 1) + ' more)',
      names: members.map((x) => x.detail ?? x.text),
      colour: worst.colour,
      dashed: members.every((x) => x.dashed),
      kind: worst.kind,
      count: members.length,
    };
  });
}
