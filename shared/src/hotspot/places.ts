/**
 * Places: connected groups of significant cells (8-neighbourhood) of one direction, as a map
 * reader sees them. The map lists them, the problem picture counts them, and the period
 * comparison tests each as a whole (where a change has the power to show).
 */

export interface PlaceLabels {
  /** Place of each cell, 0 … count − 1, or −1 for cells in no place. */
  label: Int32Array;
  count: number;
}

/** Labels the places whose cells have class of `sign` and at least `minLevel` in size (2: adjusted p ≤ 0.05). */
export function labelPlaces(classes: Int8Array, cols: number, rows: number, sign: 1 | -1, minLevel = 2): PlaceLabels {
  const label = new Int32Array(cols * rows).fill(-1);
  const member = (k: number) => classes[k]! * sign >= minLevel;
  const stack: number[] = [];
  let count = 0;
  for (let start = 0; start < label.length; start++) {
    if (label[start] !== -1 || !member(start)) continue;
    label[start] = count;
    stack.push(start);
    for (let k = stack.pop(); k !== undefined; k = stack.pop()) {
      const c = k % cols;
      const r = (k - c) / cols;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
          const n = rr * cols + cc;
          if (label[n] !== -1 || !member(n)) continue;
          label[n] = count;
          stack.push(n);
        }
      }
    }
    count++;
  }
  return { label, count };
}
