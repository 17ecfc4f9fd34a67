import type { places as sv } from '../sv/places';

/** English texts of named places: exactly the keys of the Swedish catalogue. */
export const places: Record<keyof typeof sv, string> = {
  'places.title': 'Named places',
  'places.short': 'places residents can choose instead of pointing on the map.',
  'places.intro':
    'Residents who cannot or do not want to use the map choose a place from this list. Choose places everyone knows: squares, stations, parks, schools.',
  'places.add': 'Add a place',
  'places.name': 'Name',
  'places.mapHint': 'Tap the map where the place is, or type the coordinates.',
  'places.mapLabel': "Map: tap to choose the place's position",
  'places.lat': 'Latitude',
  'places.lon': 'Longitude',
  'places.needCoords': 'Choose the position on the map or type latitude and longitude.',
  'places.addButton': 'Add the place',
  'places.created': '{name} is added.',
  'places.list': 'Places ({n})',
  'places.pins': 'chosen in {n} answers',
  'places.edit': 'Change',
  'places.save': 'Save',
  'places.remove': 'Remove',
  'places.removeLabel': 'Remove {name}',
};
