import { test, eq, deepEq, ok } from '../harness.js';
import { GRID, layoutGrid } from '/js/gridlayout.js';

const node = (host, n) => ({ host, gpus: Array.from({ length: n }, (_, i) => ({ index: i })) });

test('one cell per GPU, nodes flow and wrap by width, cells never overlap', () => {
  const nodes = Array.from({ length: 5 }, (_, i) => node('n' + i, 8));
  const blockW = 8 * GRID.cell + 7 * GRID.gap;
  const width = 2 * GRID.margin + 2 * blockW + GRID.blockGapX + 10; // room for two blocks per line
  const l = layoutGrid(nodes, width);
  eq(l.cells.length, 40);
  deepEq(l.labels.map((x) => x.nodeIndex), [0, 1, 2, 3, 4]);
  eq(l.labels[1].y, l.labels[0].y, 'two blocks side by side');
  ok(l.labels[2].y > l.labels[0].y, 'third block wraps');
  const seen = new Set(l.cells.map((c) => c.x + ',' + c.y));
  eq(seen.size, 40, 'distinct positions');
  ok(l.cells.every((c) => c.x + c.size <= width), 'inside the width');
  ok(l.height >= Math.max(...l.cells.map((c) => c.y + c.size)), 'height covers all cells');
});

test('nodes with more than eight GPUs wrap inside their block; narrow screens get one block per line', () => {
  const l = layoutGrid([node('big', 16), node('small', 2)], 100);
  eq(l.cells.length, 18);
  ok(l.cells[8].y > l.cells[0].y, 'second row of the 16-GPU node');
  ok(l.labels[1].y > l.cells[15].y, 'next node below');
});

test('an empty cluster lays out nothing', () => {
  const l = layoutGrid([], 800);
  eq(l.cells.length, 0);
});
