/** Swedish texts of named places. `../en/places.ts` has exactly these keys. */
export const places = {
  'places.title': 'Namngivna platser',
  'places.short': 'platser invånare kan välja i stället för att peka på kartan.',
  'places.intro':
    'Invånare som inte kan eller vill använda kartan väljer en plats ur den här listan. Välj platser som alla känner till: torg, stationer, parker, skolor.',
  'places.add': 'Lägg till en plats',
  'places.name': 'Namn',
  'places.mapHint': 'Tryck på kartan där platsen är, eller skriv in koordinaterna.',
  'places.mapLabel': 'Karta: tryck för att välja platsens läge',
  'places.lat': 'Latitud',
  'places.lon': 'Longitud',
  'places.needCoords': 'Välj läget på kartan eller skriv in latitud och longitud.',
  'places.addButton': 'Lägg till platsen',
  'places.created': '{name} är tillagd.',
  'places.list': 'Platser ({n})',
  'places.pins': 'vald i {n} svar',
  'places.edit': 'Ändra',
  'places.save': 'Spara',
  'places.remove': 'Ta bort',
  'places.removeLabel': 'Ta bort {name}',
} as const;
