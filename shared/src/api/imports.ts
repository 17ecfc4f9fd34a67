import { Type, type Static } from 'typebox';
import { categoryCodes, dataClassifications, pointSources } from '../taxonomy';
import { ErrorBody } from './errors';

/**
 * Imports (issue 5): upload a file, preview its first rows with a column mapping, run the import,
 * read the result with its row errors, undo it; saved mappings per source name (templates); the
 * mapping of each source's own types onto the taxonomy.
 */

export const importFormats = ['csv', 'geojson', 'police', 'open311', 'areas'] as const;
export type ImportFormat = (typeof importFormats)[number];
/** Who delivered the rows: the municipality's own units and partners, or the police. */
export const importSources = ['municipality', 'police'] as const;
export type ImportSource = (typeof importSources)[number];
export const importEncodings = ['auto', 'utf-8', 'windows-1252', 'iso-8859-1', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof importEncodings)[number];
/** `tab` stands for the tab character, which is awkward in a URL. */
export const importDelimiters = ['auto', ',', ';', 'tab', '|'] as const;
export type ImportDelimiter = (typeof importDelimiters)[number];
export const coordinateSystems = ['auto', 'wgs84', 'sweref99tm', 'rt90'] as const;
export type CoordinateSystemChoice = (typeof coordinateSystems)[number];
export type CoordinateSystem = Exclude<CoordinateSystemChoice, 'auto'>;
export const importAreaKinds = ['district', 'boundary', 'deso', 'custom'] as const;
export const importStatuses = ['running', 'done', 'failed', 'undone'] as const;
export type ImportStatus = (typeof importStatuses)[number];
/** The fields a file's columns (CSV) or properties (GeoJSON) can be mapped to. */
export const mappingFields = [
  'latField',
  'lonField',
  'northingField',
  'eastingField',
  'typeField',
  'dateField',
  'timeField',
  'idField',
  'descriptionField',
] as const;
export type MappingField = (typeof mappingFields)[number];

const Uuid = Type.String({ format: 'uuid' });
const FieldName = Type.String({ minLength: 1, maxLength: 200 });
const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
  description: 'null when the figure rests on fewer police-only records than the disclosure threshold and the caller may not see them raw',
});

/** How to read a file: everything a template can save. */
const mappingProperties = {
  encoding: Type.Optional(Type.Enum(importEncodings, { description: 'auto: BOM, else UTF-8, else Windows-1252' })),
  delimiter: Type.Optional(Type.Enum(importDelimiters)),
  crs: Type.Optional(Type.Enum(coordinateSystems, { description: 'auto: detected from the value ranges where unambiguous' })),
  latField: Type.Optional(FieldName),
  lonField: Type.Optional(FieldName),
  northingField: Type.Optional(FieldName),
  eastingField: Type.Optional(FieldName),
  typeField: Type.Optional(FieldName),
  dateField: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'date, or date and time' })),
  timeField: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'time of day, combined with dateField' })),
  idField: Type.Optional(FieldName),
  descriptionField: Type.Optional(FieldName),
  category: Type.Optional(Type.Enum(categoryCodes, { description: 'category for rows without a type' })),
  nameField: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'areas: the property holding the name' })),
  populationField: Type.Optional(FieldName),
  kind: Type.Optional(Type.Enum(importAreaKinds, { description: 'areas: what the polygons are (default district)' })),
  includeAllTypes: Type.Optional(Type.Boolean({ description: 'police feed: keep summaries and other non-incident types' })),
};

export const ImportOptions = Type.Object(mappingProperties, { additionalProperties: false });
export type ImportOptions = Static<typeof ImportOptions>;

const SourceName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: 'who sent the file, e.g. "Värnamohem EST"; ids are unique per source name, and templates are saved under it',
});

export const ImportQuery = Type.Object(
  {
    format: Type.Enum(importFormats),
    source: Type.Optional(Type.Enum(importSources, { description: 'default: police for the police feed, else municipality' })),
    sourceName: Type.Optional(SourceName),
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    templateId: Type.Optional(Uuid),
    strict: Type.Optional(Type.Boolean({ description: 'import nothing when any row fails' })),
    ...mappingProperties,
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

export const PreviewQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Enum(importFormats), Type.Literal('auto')])),
    source: Type.Optional(Type.Enum(importSources)),
    sourceName: Type.Optional(SourceName),
    templateId: Type.Optional(Uuid),
    ...mappingProperties,
  },
  { additionalProperties: false },
);
export type PreviewQuery = Static<typeof PreviewQuery>;

export const RowError = Type.Object(
  {
    row: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'CSV: the line in the file (the header is line 1); JSON: the position in the array (1-based); null: the whole file',
    }),
    column: Type.Union([Type.String(), Type.Null()]),
    code: Type.String(),
    message: Type.String(),
  },
  { additionalProperties: false },
);
export type RowError = Static<typeof RowError>;

const TypeCount = Type.Object({ type: Type.String(), count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
const CodeCount = Type.Object({ code: Type.String(), count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });

export const ImportDetected = Type.Object(
  {
    encoding: Type.Union([Type.String(), Type.Null()]),
    delimiter: Type.Union([Type.String(), Type.Null()]),
    coordinateSystem: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const ImportSummary = Type.Object(
  {
    id: Uuid,
    status: Type.Enum(importStatuses),
    format: Type.Enum(importFormats),
    source: Type.Union([Type.Enum(importSources), Type.Null()]),
    sourceName: Type.String(),
    classification: Type.Union([Type.Enum(dataClassifications), Type.Null()]),
    fileName: Type.Union([Type.String(), Type.Null()]),
    strict: Type.Boolean(),
    rowsTotal: Type.Integer({ minimum: 0 }),
    rowsImported: Type.Integer({ minimum: 0 }),
    rowsSkipped: Type.Integer({ minimum: 0 }),
    rowsFailed: Type.Integer({ minimum: 0 }),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.Union([Type.String(), Type.Null()]),
    via: Type.Enum(['api', 'cli']),
    undoneAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ImportSummary = Static<typeof ImportSummary>;

export const ImportResult = Type.Object(
  {
    ...ImportSummary.properties,
    /** Row errors: the first 1 000 are kept; rowsFailed counts them all. */
    errors: Type.Array(RowError),
    errorsTruncated: Type.Boolean(),
    /** Source types no mapping covers: their rows are in "other" until a coordinator maps them. */
    unmappedTypes: Type.Array(TypeCount),
    /** Why rows were skipped: duplicate, excluded_type, county_level, outside_boundary. */
    skipped: Type.Array(CodeCount),
    /** Rows read with a correction, e.g. swapped_coordinates. */
    warnings: Type.Array(CodeCount),
    detected: ImportDetected,
    /** Set when the same file (same bytes) was imported before and is still in place. */
    sameFileAs: Type.Union([Uuid, Type.Null()]),
    /** Areas imports: points of the collaboration whose area changed. */
    pointsReassigned: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ImportResult = Static<typeof ImportResult>;

export const ImportListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
  { additionalProperties: false },
);
export const ImportList = Type.Object({ imports: Type.Array(ImportSummary) }, { additionalProperties: false });
export type ImportList = Static<typeof ImportList>;

const ImportProgressSchema = Type.Object({
  phase: Type.Enum(['reading', 'writing', 'assigning']),
  rowsProcessed: Type.Integer({ minimum: 0 }),
  rowsTotal: Type.Optional(Type.Integer({ minimum: 0, description: 'known once the file has been read' })),
});
/** Progress while an import runs, as the NDJSON stream reports it. */
export type ImportProgress = Static<typeof ImportProgressSchema>;

/** One line of the NDJSON stream (Accept: application/x-ndjson on POST /api/imports): progress, then the result or the error. */
export const ImportStreamLine = Type.Union([
  Type.Object({ type: Type.Literal('progress'), ...ImportProgressSchema.properties }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('result'), result: ImportResult }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('error'), status: Type.Integer(), body: Type.Object(ErrorBody.properties, { additionalProperties: false }) },
    { additionalProperties: false },
  ),
]);

export const PreviewRow = Type.Object(
  {
    row: Type.Integer({ minimum: 1 }),
    externalType: Type.Union([Type.String(), Type.Null()]),
    category: Type.Union([Type.Enum(categoryCodes), Type.Null()]),
    occurredAt: Type.Union([Type.String(), Type.Null()]),
    lat: Type.Union([Type.Number(), Type.Null()]),
    lon: Type.Union([Type.Number(), Type.Null()]),
    /** Why the row would be skipped (excluded_type, county_level, …) or null. */
    skip: Type.Union([Type.String(), Type.Null()]),
    errors: Type.Array(RowError),
  },
  { additionalProperties: false },
);

export const ImportPreview = Type.Object(
  {
    format: Type.Enum(importFormats),
    detected: ImportDetected,
    /** CSV: the header; JSON formats: the property names seen in the first items. */
    columns: Type.Array(Type.String()),
    /** The first rows as text, in `columns` order. */
    rows: Type.Array(Type.Array(Type.String())),
    /** The mapping that would be used: given, from the template, or suggested from the names. */
    mapping: ImportOptions,
    /** The first rows read with that mapping. */
    parsed: Type.Array(PreviewRow),
    /** True when only the start of the file was read. */
    truncated: Type.Boolean(),
    missing: Type.Array(Type.String({ description: 'mapping fields that still need a column' })),
  },
  { additionalProperties: false },
);
export type ImportPreview = Static<typeof ImportPreview>;

export const ImportTemplate = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    format: Type.Enum(importFormats),
    source: Type.Union([Type.Enum(importSources), Type.Null()]),
    options: ImportOptions,
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type ImportTemplate = Static<typeof ImportTemplate>;

export const ImportTemplateBody = Type.Object(
  {
    name: SourceName,
    format: Type.Enum(importFormats),
    source: Type.Optional(Type.Enum(importSources)),
    options: ImportOptions,
  },
  { additionalProperties: false },
);
export type ImportTemplateBody = Static<typeof ImportTemplateBody>;

export const ImportTemplateList = Type.Object({ templates: Type.Array(ImportTemplate) }, { additionalProperties: false });
export type ImportTemplateList = Static<typeof ImportTemplateList>;

export const mappingOrigins = ['custom', 'default', 'unmapped'] as const;
export type MappingOrigin = (typeof mappingOrigins)[number];

export const CategoryMappingItem = Type.Object(
  {
    source: Type.Enum(pointSources),
    externalType: Type.String(),
    category: Type.Enum(categoryCodes),
    origin: Type.Enum(mappingOrigins),
    rows: Count,
  },
  { additionalProperties: false },
);
export type CategoryMappingItem = Static<typeof CategoryMappingItem>;

export const CategoryMappingQuery = Type.Object({ source: Type.Optional(Type.Enum(pointSources)) }, { additionalProperties: false });
export const CategoryMappingList = Type.Object({ mappings: Type.Array(CategoryMappingItem) }, { additionalProperties: false });
export type CategoryMappingList = Static<typeof CategoryMappingList>;

export const CategoryMappingBody = Type.Object(
  {
    source: Type.Enum(pointSources),
    externalType: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    category: Type.Enum(categoryCodes),
  },
  { additionalProperties: false },
);
export type CategoryMappingBody = Static<typeof CategoryMappingBody>;

export const CategoryMappingResult = Type.Object(
  {
    source: Type.Enum(pointSources),
    externalType: Type.String(),
    category: Type.Enum(categoryCodes),
    rowsRecategorised: Count,
  },
  { additionalProperties: false },
);
export type CategoryMappingResult = Static<typeof CategoryMappingResult>;
