/**
 * The small maps that mark one place (resident pins, staff places, walk stops, dialogues) share one
 * set-up. Their style needs no network, so the CSP stays strict and they work offline: the area's
 * outline on a plain background, nothing else. No rotation, zoom buttons only, and one red marker
 * that a tap or a drag puts down.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './blank-map.css';
import type { Map as MapLibreMap, Marker, StyleSpecification } from 'maplibre-gl';

/** The MapLibre module, loaded on demand. */
export type MapLibre = typeof import('maplibre-gl');

export interface PickMapOptions {
  container: HTMLElement;
  /** West, south, east, north: outlined, and fitted into view. */
  bounds: readonly number[];
  /** Where the marker stands at first; without both the marker waits for a tap. */
  lat?: number | undefined;
  lon?: number | undefined;
  /** Someone put the marker here with a tap or a drag. */
  onpick: (lat: number, lon: number) => void;
  /**
   * Adds the component's own markers, beneath the pick marker. What it returns runs once the map
   * has loaded and fitted the area, before the container is marked ready.
   */
  decorate?: (map: MapLibreMap, maplibre: MapLibre) => (() => void) | undefined;
}

export interface PickMap {
  /** Shows the marker at a place found another way (GPS), without reporting it back through onpick. */
  moveTo(lat: number, lon: number): void;
  /** Takes the marker away. */
  clear(): void;
  /** Removes the map, or stops it being made if the map module is still loading. */
  destroy(): void;
}

/** The outline of the area on a plain background: no tiles, glyphs or sprites to fetch. */
function blankStyle(bounds: readonly number[]): StyleSpecification {
  const [w = 0, s = 0, e = 0, n = 0] = bounds;
  return {
    version: 8,
    sources: {
      extent: {
        type: 'geojson',
        data: {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [w, s],
                [e, s],
                [e, n],
                [w, n],
                [w, s],
              ],
            ],
          },
        },
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9eef2' } },
      { id: 'extent', type: 'line', source: 'extent', paint: { 'line-color': '#1d4e89', 'line-width': 2, 'line-dasharray': [2, 2] } },
    ],
  };
}

/**
 * Makes a pick map in the container. MapLibre is loaded on demand (it is large and only these pages
 * need it), so the map appears a moment later; `data-ready` on the container says when it is there.
 */
export function mountPickMap({ container, bounds, lat, lon, onpick, decorate }: PickMapOptions): PickMap {
  let cancelled = false;
  let map: MapLibreMap | undefined;
  let marker: Marker | undefined;
  void (async () => {
    const maplibre = await import('maplibre-gl');
    if (cancelled) return;
    const [w = 0, s = 0, e = 0, n = 0] = bounds;
    const m = new maplibre.Map({
      container,
      style: blankStyle(bounds),
      bounds: [w, s, e, n],
      fitBoundsOptions: { padding: 16 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    map = m;
    m.touchZoomRotate.disableRotation();
    m.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
    const whenLoaded = decorate?.(m, maplibre);
    m.on('load', () => {
      // The container may have changed size while the map module loaded.
      m.resize();
      m.fitBounds([w, s, e, n], { padding: 16, animate: false });
      whenLoaded?.();
      container.dataset.ready = 'true';
    });
    const pin = new maplibre.Marker({ color: '#b3261e', draggable: true });
    marker = pin;
    pin.on('dragend', () => {
      const where = pin.getLngLat();
      onpick(where.lat, where.lng);
    });
    if (lat !== undefined && lon !== undefined) pin.setLngLat([lon, lat]).addTo(m);
    m.on('click', (event) => {
      pin.setLngLat(event.lngLat).addTo(m);
      onpick(event.lngLat.lat, event.lngLat.lng);
    });
  })();
  return {
    moveTo(la, lo) {
      if (map && marker) {
        marker.setLngLat([lo, la]).addTo(map);
        map.easeTo({ center: [lo, la], zoom: Math.max(map.getZoom(), 15) });
      }
    },
    clear() {
      marker?.remove();
    },
    destroy() {
      cancelled = true;
      map?.remove();
    },
  };
}

/**
 * Named places as labelled DOM markers: orientation without map tiles or font downloads. Names show
 * from zoom `namesFrom` on, where they no longer run into each other; blank-map.css styles them in a
 * `.pick-map` container. Returns what to run once the map has loaded, as `decorate` expects.
 */
export function addPlaceMarkers(
  map: MapLibreMap,
  maplibre: MapLibre,
  places: readonly { name: string; lat?: number; lon?: number }[],
  namesFrom: number,
): () => void {
  for (const place of places) {
    if (place.lat === undefined || place.lon === undefined) continue;
    // maplibre positions the outer element itself (absolute + transform): style only its children.
    const element = document.createElement('span');
    const dot = document.createElement('span');
    dot.className = 'place-dot';
    const name = document.createElement('span');
    name.className = 'place-name';
    name.textContent = place.name;
    element.append(dot, name);
    new maplibre.Marker({ element, anchor: 'left' }).setLngLat([place.lon, place.lat]).addTo(map);
  }
  const showNames = () => map.getContainer().classList.toggle('show-names', map.getZoom() >= namesFrom);
  map.on('zoomend', showNames);
  return showNames;
}
