import { test, eq } from '../harness.js';
import { escapeHtml } from '/js/escape.js';

const NASTY = ['<img src=x onerror=alert(1)>', '"}', "a'b", 'x & y', '<script>alert(1)</script>', '\n', ''];

test('escapeHtml escapes the five HTML-significant characters', () => {
  eq(escapeHtml('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  eq(escapeHtml('"\'&'), '&quot;&#39;&amp;');
  eq(escapeHtml(null), '');
  eq(escapeHtml(42), '42');
});

test('escapeHtml agrees with echarts.format.encodeHTML', () => {
  for (const s of NASTY) eq(escapeHtml(s), globalThis.echarts.format.encodeHTML(s), JSON.stringify(s));
});

test('escaped text parsed as HTML gives back the literal text and no elements', () => {
  for (const s of NASTY) {
    const div = document.createElement('div');
    div.innerHTML = escapeHtml(s);
    eq(div.textContent, s);
    eq(div.children.length, 0);
  }
});
