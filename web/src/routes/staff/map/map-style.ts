/**
 * Colours, patterns and the blank base style of the hot-spot map. The classes use ColorBrewer's
 * RdBu diverging scheme (safe for the common forms of colour blindness); hot spots are also
 * striped and cold spots dotted, so the map reads without colour. Sources use the Okabe–Ito
 * palette; the density ramp is viridis.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { must, type PointSource } from '@lagesbild/shared';

export interface LayerState {
  hotspots: boolean;
  heat: boolean;
  reports: boolean;
  pins: boolean;
  areas: boolean;
}

export interface Camera {
  center: [number, number];
  zoom: number;
}

/** A cell's class as the API writes it, as text: '3' … '-3'. */
export type ClassKey = '3' | '2' | '1' | '0' | '-1' | '-2' | '-3';

export const CLASS_COLOURS: Record<ClassKey, string> = {
  '3': '#b2182b',
  '2': '#ef8a62',
  '1': '#fddbc7',
  '0': '#f7f7f7',
  '-1': '#d1e5f0',
  '-2': '#67a9cf',
  '-3': '#2166ac',
};

export const SOURCE_COLOURS: Record<PointSource, string> = {
  survey: '#E69F00',
  municipality: '#56B4E9',
  police: '#0072B2',
  walk: '#009E73',
  dialogue: '#CC79A7',
};

export const BAND_COLOURS = ['#E69F00', '#56B4E9', '#CC79A7', '#0072B2'];

/** A base map that needs no network: a plain background (the areas are drawn on top of it). */
export function blankStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
  };
}

/** A 10 × 10 pattern tile as RGBA pixels: diagonal stripes (hot) or dots (cold), in dark translucent ink. */
export function patternImage(kind: 'stripes' | 'dots', pixelRatio = 2): { width: number; height: number; data: Uint8Array } {
  const tile = 10;
  const size = tile * pixelRatio;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / pixelRatio;
      const v = (y + 0.5) / pixelRatio;
      const on = kind === 'stripes' ? (u + v) % tile < 1.4 : (u - 5) ** 2 + (v - 5) ** 2 <= 1.3;
      if (!on) continue;
      const i = (y * size + x) * 4;
      data[i] = 20;
      data[i + 1] = 20;
      data[i + 2] = 30;
      data[i + 3] = kind === 'stripes' ? 120 : 110;
    }
  }
  return { width: size, height: size, data };
}

const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** Viridis (dark = dense) with transparency growing from nothing: 256 RGBA entries. */
export function heatLut(): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 1; i < 256; i++) {
    // Reverse viridis: low densities pale yellow-green, high ones deep purple.
    const t = 1 - i / 255;
    const pos = t * (VIRIDIS.length - 1);
    const k = Math.min(VIRIDIS.length - 2, Math.floor(pos));
    const f = pos - k;
    const a = must(VIRIDIS[k], 'a colour stop');
    const b = must(VIRIDIS[k + 1], 'a colour stop');
    lut[i * 4] = a[0] + f * (b[0] - a[0]);
    lut[i * 4 + 1] = a[1] + f * (b[1] - a[1]);
    lut[i * 4 + 2] = a[2] + f * (b[2] - a[2]);
    lut[i * 4 + 3] = Math.round(60 + 160 * Math.sqrt(i / 255));
  }
  return lut;
}

/** Paints the API's 8-bit density raster on a canvas for MapLibre's canvas source. */
export function paintHeat(canvas: HTMLCanvasElement, heat: { cols: number; rows: number; data: string }): void {
  canvas.width = heat.cols;
  canvas.height = heat.rows;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const bytes = Uint8Array.from(atob(heat.data), (c) => c.charCodeAt(0));
  const image = ctx.createImageData(heat.cols, heat.rows);
  const lut = heatLut();
  bytes.forEach((v, i) => {
    if (v !== 0) image.data.set(lut.subarray(v * 4, v * 4 + 4), i * 4);
  });
  ctx.putImageData(image, 0, 0);
}
