import { categories, type CategoryCode, type PointSource } from '@lagesbild/shared';

/**
 * Each source's own types → the shared taxonomy. A collaboration's own mappings (the
 * category_mapping table) come first; then these defaults, matched on the whole normalised type
 * (lower case, single spaces), never on fragments, so a mapping is always predictable. A type
 * neither covers lands in "other" and is listed as unmapped for a coordinator to map.
 */
export function normaliseType(type: string): string {
  return type.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The police events feed's types (as in polisen.se's feed), by what they are about. */
const POLICE: Record<CategoryCode, string[]> = {
  traffic: [
    'trafikolycka',
    'trafikolycka, personskada',
    'trafikolycka, singel',
    'trafikolycka, vilt',
    'trafikolycka, smitning från',
    'trafikolycka, annan',
    'trafikbrott',
    'rattfylleri',
    'olovlig körning',
    'trafikhinder',
  ],
  drugs: ['narkotikabrott'],
  alcohol: ['fylleri/lob', 'alkohollagen'],
  youth_gangs: [],
  disorder: ['bråk', 'ordningslagen', 'olaga intrång', 'hemfridsbrott', 'lagen om hundar och katter'],
  harassment: ['olaga hot', 'ofredande/förargelse', 'sedlighetsbrott'],
  violence: [
    'misshandel',
    'misshandel, grov',
    'mord/dråp',
    'mord/dråp, försök',
    'rån',
    'rån, försök',
    'rån övrigt',
    'rån väpnat',
    'skottlossning',
    'skottlossning, misstänkt',
    'knivlagen',
    'vapenlagen',
    'våld/hot mot tjänsteman',
    'våldtäkt',
    'våldtäkt, försök',
    'olaga frihetsberövande/människorov',
    'detonation',
    'bombhot',
    'larm överfall',
  ],
  theft_burglary: [
    'stöld',
    'stöld, försök',
    'stöld/inbrott',
    'inbrott',
    'inbrott, försök',
    'motorfordon, stöld',
    'motorfordon, anträffat stulet',
    'häleri',
    'larm inbrott',
    'åldringsbrott',
  ],
  vandalism_graffiti: ['skadegörelse', 'sabotage mot blåljusverksamhet'],
  littering: ['miljöbrott'],
  lighting: [],
  other: [
    'brand',
    'brand automatlarm',
    'bedrägeri',
    'missbruk av urkund',
    'farligt föremål, misstänkt',
    'djur',
    'vållande till kroppsskada',
    'spridning smitta/kemikalier',
    'sjölagen',
    'luftfartslagen',
    'skyddslagen',
    'utlänningslagen',
  ],
};

/**
 * Police feed types that are not incidents: daily summaries, updates, the police's own activities
 * (checks, operations) and rescue or missing-person matters. Left out unless asked for.
 */
const POLICE_NON_INCIDENTS = new Set(
  [
    'uppdatering',
    'övrigt',
    'trafikkontroll',
    'kontroll person/fordon',
    'polisinsats/kommendering',
    'fjällräddning',
    'räddningsinsats',
    'försvunnen person',
    'efterlyst person',
    'anträffad död',
    'anträffat gods',
    'sjukdom/olycksfall',
    'arbetsplatsolycka',
    'varningslarm/haveri',
  ].map(normaliseType),
);

export function isPoliceNonIncident(type: string): boolean {
  const key = normaliseType(type);
  return key.startsWith('sammanfattning') || POLICE_NON_INCIDENTS.has(key);
}

/** Common Swedish names in municipal (EST) reports and fault-report systems. */
const MUNICIPAL: Record<CategoryCode, string[]> = {
  lighting: ['belysning', 'trasig belysning', 'gatubelysning', 'släckt belysning', 'mörk plats', 'mörker', 'trasig lampa', 'belysningsfel'],
  traffic: ['trafik', 'fortkörning', 'trafikfara', 'trafiksäkerhet', 'vårdslös körning', 'mopedåkning', 'olovlig körning'],
  drugs: ['narkotika', 'droger', 'sprutor', 'narkotikahandel', 'drogpåverkan'],
  alcohol: ['alkohol', 'berusning', 'fylleri', 'langning', 'alkoholförtäring'],
  youth_gangs: ['ungdomsgäng', 'gäng', 'ungdomsgrupp', 'grupperingar', 'samlingsplats ungdomar', 'ungdomar'],
  disorder: ['ordningsstörning', 'störning', 'bråk', 'oljud', 'stök', 'ordningsproblem'],
  harassment: ['hot', 'trakasserier', 'ofredande', 'hot och trakasserier'],
  violence: ['våld', 'misshandel', 'slagsmål', 'rån'],
  theft_burglary: ['stöld', 'inbrott', 'cykelstöld', 'snatteri', 'stöld/inbrott', 'inbrottsförsök'],
  vandalism_graffiti: [
    'klotter',
    'graffiti',
    'skadegörelse',
    'glaskross',
    'krossad ruta',
    'vandalisering',
    'anlagd brand',
    'klotter/skadegörelse',
    'tags',
  ],
  littering: ['nedskräpning', 'skräp', 'nedskräpat', 'dumpning', 'avfall', 'fimpar', 'illegal dumpning'],
  other: ['övrigt', 'annat', 'brand'],
};

function table(source: Record<CategoryCode, string[]>): Map<string, CategoryCode> {
  const map = new Map<string, CategoryCode>();
  // The taxonomy's own codes and labels map onto themselves.
  for (const c of categories) {
    map.set(c.code, c.code);
    map.set(normaliseType(c.sv), c.code);
    map.set(normaliseType(c.en), c.code);
  }
  for (const [code, types] of Object.entries(source) as [CategoryCode, string[]][]) {
    for (const t of types) map.set(normaliseType(t), code);
  }
  return map;
}

const POLICE_TABLE = table(POLICE);
const MUNICIPAL_TABLE = table(MUNICIPAL);

/** The built-in mapping for a type from a source, if any. */
export function defaultCategory(source: PointSource, type: string): CategoryCode | undefined {
  const key = normaliseType(type);
  return (source === 'police' ? POLICE_TABLE : MUNICIPAL_TABLE).get(key);
}

export interface CategoryResolution {
  category: CategoryCode;
  origin: 'custom' | 'default' | 'unmapped';
}

/** Resolves types for one import: the collaboration's mappings (keys normalised), then the defaults. */
export function categoryResolver(source: PointSource, custom: ReadonlyMap<string, CategoryCode>): (type: string) => CategoryResolution {
  return (type) => {
    const key = normaliseType(type);
    const mine = custom.get(key);
    if (mine) return { category: mine, origin: 'custom' };
    const builtIn = defaultCategory(source, key);
    if (builtIn) return { category: builtIn, origin: 'default' };
    return { category: 'other', origin: 'unmapped' };
  };
}
