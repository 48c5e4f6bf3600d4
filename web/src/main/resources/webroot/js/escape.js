// HTML escaping for the only places where the dashboard hands a string to an HTML sink: ECharts
// tooltips in 'html' render mode are set with innerHTML (apache/echarts #14429). Everything else
// uses textContent. Escapes the same five characters as echarts.format.encodeHTML.

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
