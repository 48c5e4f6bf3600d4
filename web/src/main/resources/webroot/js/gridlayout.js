// Layout of the cluster page: one block per node (its name above a row of GPU cells), blocks
// flowing left to right and wrapping to the container width. Pure: pixels in, rectangles out.

export const GRID = Object.freeze({
  cell: 52, // px, square GPU cell: big enough to read "100%" from the back of a classroom
  gap: 4, // between cells
  perRow: 8, // GPU cells per row inside a node block
  label: 26, // node name height above the cells
  blockGapX: 20,
  blockGapY: 16,
  margin: 8,
});

/**
 * @param nodes [{host, gpus: [...]}] in display order
 * @param widthPx the container width
 * @returns {cells: [{x, y, size, node, gpu, nodeIndex, gpuIndex}], labels: [{x, y, host, nodeIndex}], height}
 */
export function layoutGrid(nodes, widthPx, g = GRID) {
  const maxGpus = Math.max(1, ...nodes.map((n) => (n.gpus || []).length));
  const cols = Math.min(g.perRow, maxGpus);
  const blockW = cols * g.cell + (cols - 1) * g.gap;
  const usable = Math.max(blockW, widthPx - 2 * g.margin);
  const perLine = Math.max(1, Math.floor((usable + g.blockGapX) / (blockW + g.blockGapX)));
  const cells = [];
  const labels = [];
  let y = g.margin;
  for (let start = 0; start < nodes.length; start += perLine) {
    const lineNodes = nodes.slice(start, start + perLine);
    let lineHeight = 0;
    lineNodes.forEach((node, k) => {
      const nodeIndex = start + k;
      const x0 = g.margin + k * (blockW + g.blockGapX);
      labels.push({ x: x0, y, host: node.host, nodeIndex });
      const gpus = node.gpus || [];
      const rows = Math.max(1, Math.ceil(gpus.length / cols));
      gpus.forEach((gpu, i) => {
        cells.push({
          x: x0 + (i % cols) * (g.cell + g.gap),
          y: y + g.label + Math.floor(i / cols) * (g.cell + g.gap),
          size: g.cell,
          node,
          gpu,
          nodeIndex,
          gpuIndex: i,
        });
      });
      lineHeight = Math.max(lineHeight, g.label + rows * g.cell + (rows - 1) * g.gap);
    });
    y += lineHeight + g.blockGapY;
  }
  return { cells, labels, height: y - g.blockGapY + g.margin };
}
