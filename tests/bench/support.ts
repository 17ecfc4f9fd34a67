/** Shared helpers for benchmark scripts: timing, medians and a uniform report line. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timeRuns(runs: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

function show(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** One line per figure: value and unit, and value ÷ baseline when a baseline was measured in the same run. */
export function report(name: string, value: number, unit: string, baseline?: { name: string; value: number }): void {
  const ratio = baseline ? ` = ${(value / baseline.value).toFixed(2)} × ${baseline.name} (${show(baseline.value)} ${unit})` : '';
  console.log(`${name}: ${show(value)} ${unit}${ratio}`);
}
