import { CLASS_COLOURS, type ClassKey } from './map-style';

/** What the saved picture says beneath the map(s), in the page's language. */
export interface PngText {
  title: string;
  summary: string;
  /** The line that names hot and cold spots. */
  clusters: string;
  /** The adjusted-p levels of classes 3, 2, 1 as the page writes numbers (0,01 or 0.01). */
  levels: [string, string, string];
}

/** Saves the map(s) as a PNG with a title and the legend, drawn on a canvas. */
export async function saveMapPng(canvases: HTMLCanvasElement[], text: PngText): Promise<void> {
  if (canvases.length === 0) return;
  const ratio = window.devicePixelRatio || 1;
  const gap = 12 * ratio;
  const width = canvases.reduce((w, c) => w + c.width, 0) + gap * (canvases.length - 1);
  const mapHeight = Math.max(...canvases.map((c) => c.height));
  const footer = 120 * ratio;
  const out = document.createElement('canvas');
  out.width = width;
  out.height = mapHeight + footer;
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  let x = 0;
  for (const c of canvases) {
    ctx.drawImage(c, x, 0);
    x += c.width + gap;
  }
  ctx.fillStyle = '#1b1f24';
  ctx.font = `600 ${16 * ratio}px system-ui, sans-serif`;
  ctx.fillText(text.title, 12 * ratio, mapHeight + 26 * ratio);
  ctx.font = `${12 * ratio}px system-ui, sans-serif`;
  if (text.summary) ctx.fillText(text.summary, 12 * ratio, mapHeight + 46 * ratio, width - 24 * ratio);
  const [p3, p2, p1] = text.levels.map((p) => `p ≤ ${p}`);
  const legend: [ClassKey, string | undefined][] = [
    ['3', p3],
    ['2', p2],
    ['1', p1],
    ['0', '–'],
    ['-1', p1],
    ['-2', p2],
    ['-3', p3],
  ];
  legend.forEach(([cls, label = ''], i) => {
    const sx = 12 * ratio + i * 70 * ratio;
    ctx.fillStyle = CLASS_COLOURS[cls];
    ctx.fillRect(sx, mapHeight + 60 * ratio, 22 * ratio, 14 * ratio);
    ctx.strokeStyle = '#6b7480';
    ctx.strokeRect(sx, mapHeight + 60 * ratio, 22 * ratio, 14 * ratio);
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(label, sx + 26 * ratio, mapHeight + 72 * ratio);
  });
  ctx.fillText(text.clusters, 12 * ratio, mapHeight + 96 * ratio, width - 24 * ratio);
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) return;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `karta-${new Date().toISOString().slice(0, 10)}.png`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
