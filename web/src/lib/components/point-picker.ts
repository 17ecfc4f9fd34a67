/**
 * What PointPicker.svelte exports, for the pages that hold it with bind:this. Written out here because
 * tools that read TypeScript without Svelte's compiler (the linter) see a .svelte import only as some
 * component; svelte-check still checks that the component matches.
 */
export interface PointPickerHandle {
  /** Moves the marker (and the view) to a place, as if picked there. */
  moveTo(lat: number, lon: number): void;
  /** Takes the marker away. */
  clear(): void;
}
