import { Type, type Static } from 'typebox';
import { categoryCodes } from '../taxonomy';
import { DisplayLine, DisplayText } from './display-text';
import { ProblemEntry } from './problem-picture';

/**
 * The citizen pledge (medborgarlöfte): chosen problems from a saved lägesbild, activities with
 * indicators, a lifecycle draft → agreed → signed → followed_up, versions (a signed pledge is
 * revised into a new draft, never edited) and per-activity follow-up.
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' });
const Category = Type.Enum(categoryCodes);

export const pledgeStatuses = ['draft', 'agreed', 'signed', 'followed_up'] as const;
export type PledgeStatus = (typeof pledgeStatuses)[number];
export const activityStatuses = ['planned', 'ongoing', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];
export const responsibleKinds = ['municipality', 'police', 'other'] as const;
export type ResponsibleKind = (typeof responsibleKinds)[number];

/** Which status may follow which; every other move is refused with 409. */
export const pledgeTransitions: Record<PledgeStatus, readonly PledgeStatus[]> = {
  draft: ['agreed'],
  agreed: ['draft', 'signed'],
  signed: ['followed_up'],
  followed_up: [],
};

export const PLEDGE_MIN_YEAR = 2000;
export const PLEDGE_MAX_YEAR = 2100;
const Year = Type.Integer({ minimum: PLEDGE_MIN_YEAR, maximum: PLEDGE_MAX_YEAR });

/** A cell of the national hot-spot lattice, "<size>-<col>-<row>" (shared/src/hotspot/cells.ts). */
export const CELL_ID_PATTERN = '^\\d{2,4}-\\d{1,7}-\\d{1,8}$';

export const Party = Type.Object(
  {
    name: DisplayLine({ minLength: 1, maxLength: 200 }),
    /** Who signs for the party, e.g. "Kommunstyrelsens ordförande"; may be empty. */
    signatory: DisplayLine({ maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type Party = Static<typeof Party>;

export const Parties = Type.Object(
  { municipality: Party, police: Party, others: Type.Array(Party, { maxItems: 10 }) },
  { additionalProperties: false },
);
export type Parties = Static<typeof Parties>;

export const Responsible = Type.Object(
  { kind: Type.Enum(responsibleKinds), name: DisplayLine({ maxLength: 200 }) },
  { additionalProperties: false },
);
export type Responsible = Static<typeof Responsible>;

export const ActivityPlaceInput = Type.Object(
  {
    areaIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }),
    cellIds: Type.Array(Type.String({ pattern: CELL_ID_PATTERN }), { maxItems: 100, uniqueItems: true }),
    /** Hot-spot or place descriptions in words, e.g. "Gångtunneln vid resecentrum". */
    places: Type.Array(DisplayLine({ minLength: 1, maxLength: 200 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type ActivityPlaceInput = Static<typeof ActivityPlaceInput>;

export const PledgeQuery = Type.Object({ locale: Type.Optional(Type.Enum(['sv', 'en'])) }, { additionalProperties: false });
export const PledgeParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ActivityParams = Type.Object({ id: Uuid, activityId: Uuid }, { additionalProperties: false });

export const CreatePledgeBody = Type.Object(
  {
    snapshotId: Uuid,
    year: Year,
    /** The problems the pledge takes up, in the order given. */
    categories: Type.Array(Category, { minItems: 1, maxItems: 12, uniqueItems: true }),
    title: Type.Optional(DisplayLine({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CreatePledgeBody = Static<typeof CreatePledgeBody>;

export const UpdatePledgeBody = Type.Object(
  {
    title: Type.Optional(DisplayLine({ minLength: 1, maxLength: 200 })),
    parties: Type.Optional(Parties),
    background: Type.Optional(DisplayText({ maxLength: 20_000 })),
    categories: Type.Optional(Type.Array(Category, { minItems: 1, maxItems: 12, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePledgeBody = Static<typeof UpdatePledgeBody>;

const activityFields = {
  /** The problem the activity answers (one of the pledge's), or null for a general one. */
  problemCategory: Type.Optional(Nullable(Category)),
  what: DisplayText({ minLength: 1, maxLength: 1000 }),
  who: Responsible,
  where: Type.Optional(ActivityPlaceInput),
  /** When or how often, e.g. "Varje fredag och lördag kl. 21–01, april–september". */
  when: Type.Optional(DisplayLine({ maxLength: 300 })),
  indicator: Type.Optional(DisplayLine({ maxLength: 500 })),
  target: Type.Optional(DisplayLine({ maxLength: 300 })),
  /** In or after the pledge year (and at the latest the year after). */
  followUpOn: Type.Optional(Nullable(Day)),
};

export const ActivityBody = Type.Object(activityFields, { additionalProperties: false });
export type ActivityBody = Static<typeof ActivityBody>;

export const UpdateActivityBody = Type.Object(
  { ...activityFields, what: Type.Optional(activityFields.what), who: Type.Optional(activityFields.who) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateActivityBody = Static<typeof UpdateActivityBody>;

export const TransitionBody = Type.Object(
  {
    status: Type.Enum(pledgeStatuses),
    /** The day the pledge was signed (status "signed"); default today, never in the future. */
    date: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBody>;

export const ReviseBody = Type.Object(
  {
    /** The new version's year; default the same year. */
    year: Type.Optional(Year),
    /** A newer lägesbild: the copied problems take their evidence from it. */
    snapshotId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ReviseBody = Static<typeof ReviseBody>;

export const ActivityUpdateBody = Type.Object(
  { on: Day, status: Type.Enum(activityStatuses), note: DisplayText({ maxLength: 1000 }) },
  { additionalProperties: false },
);
export type ActivityUpdateBody = Static<typeof ActivityUpdateBody>;

export const PledgeExportQuery = Type.Object({ format: Type.Enum(['docx', 'html']) }, { additionalProperties: false });

export const ActivityUpdate = Type.Object(
  {
    id: Uuid,
    on: Day,
    status: Type.Enum(activityStatuses),
    note: Type.String(),
    by: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type ActivityUpdate = Static<typeof ActivityUpdate>;

export const ActivityPlace = Type.Object(
  {
    areaIds: Type.Array(Uuid),
    areas: Type.Array(Type.Object({ id: Uuid, name: Type.String() }, { additionalProperties: false })),
    cellIds: Type.Array(Type.String()),
    places: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type ActivityPlace = Static<typeof ActivityPlace>;

export const PledgeActivity = Type.Object(
  {
    id: Uuid,
    problemCategory: Nullable(Category),
    what: Type.String(),
    who: Responsible,
    where: ActivityPlace,
    when: Type.String(),
    indicator: Type.String(),
    target: Type.String(),
    followUpOn: Nullable(Day),
    /** The latest follow-up status ("planned" before any update). */
    status: Type.Enum(activityStatuses),
    updates: Type.Array(ActivityUpdate),
  },
  { additionalProperties: false },
);
export type PledgeActivity = Static<typeof PledgeActivity>;

export const PledgeProblem = Type.Object(
  { category: Category, label: Type.String(), evidence: ProblemEntry },
  { additionalProperties: false },
);
export type PledgeProblem = Static<typeof PledgeProblem>;

const Period = Type.Object({ from: Day, to: Day }, { additionalProperties: false });

export const PledgeVersion = Type.Object(
  { id: Uuid, version: Type.Integer(), year: Type.Integer(), status: Type.Enum(pledgeStatuses) },
  { additionalProperties: false },
);

export const Pledge = Type.Object(
  {
    id: Uuid,
    year: Type.Integer(),
    title: Type.String(),
    status: Type.Enum(pledgeStatuses),
    version: Type.Integer(),
    predecessorId: Nullable(Uuid),
    successorId: Nullable(Uuid),
    snapshot: Nullable(Type.Object({ id: Uuid, title: Type.String(), from: Day, to: Day }, { additionalProperties: false })),
    /** The period of the evidence (the snapshot's): the baseline of the follow-up. */
    baseline: Period,
    parties: Parties,
    background: Type.String(),
    problems: Type.Array(PledgeProblem),
    activities: Type.Array(PledgeActivity),
    /** Every version of this pledge, oldest first. */
    versions: Type.Array(PledgeVersion),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Nullable(Type.String()),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Nullable(Type.String()),
    agreedAt: Nullable(Type.String({ format: 'date-time' })),
    signedAt: Nullable(Type.String({ format: 'date-time' })),
    followedUpAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type Pledge = Static<typeof Pledge>;

export const PledgeSummary = Type.Object(
  {
    id: Uuid,
    year: Type.Integer(),
    title: Type.String(),
    status: Type.Enum(pledgeStatuses),
    version: Type.Integer(),
    predecessorId: Nullable(Uuid),
    successorId: Nullable(Uuid),
    problems: Type.Integer(),
    activities: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
    signedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type PledgeSummary = Static<typeof PledgeSummary>;
export const PledgeList = Type.Object({ pledges: Type.Array(PledgeSummary) }, { additionalProperties: false });
export type PledgeList = Static<typeof PledgeList>;

/** The significant hot-spot cells of the pledge's problems in its evidence period (250 m cells). */
export const PledgeHotspots = Type.Object(
  {
    period: Period,
    cellSize: Type.Integer(),
    cells: Type.Array(
      Type.Object(
        {
          cellId: Type.String(),
          /** Gi_Bin class: 3 = 99 %, 2 = 95 %, 1 = 90 % (hot); negative for cold spots. */
          class: Type.Integer(),
          areaName: Nullable(Type.String()),
          lat: Type.Number(),
          lon: Type.Number(),
        },
        { additionalProperties: false },
      ),
    ),
    /** Why no statistics could be computed, when so. */
    insufficient: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type PledgeHotspots = Static<typeof PledgeHotspots>;

/** A share of respondents under disclosure control: null when it would rest on fewer than the threshold. */
export const DisclosedShare = Type.Object(
  { answered: Nullable(Type.Integer()), share: Nullable(Type.Number()) },
  { additionalProperties: false },
);
export type DisclosedShare = Static<typeof DisclosedShare>;

/** The same survey questions at the baseline (the lägesbild's period) and in the pledge year. */
export const SurveyFollowUp = Type.Object(
  {
    threshold: Type.Integer(),
    baseline: Type.Object({ from: Day, to: Day, respondents: Nullable(Type.Integer()) }, { additionalProperties: false }),
    /** Null until the follow-up period has begun. */
    followUp: Nullable(Type.Object({ from: Day, to: Day, respondents: Nullable(Type.Integer()) }, { additionalProperties: false })),
    measures: Type.Array(
      Type.Object(
        {
          /** Question id, or "problems.<category>" for a row of the problem matrix. */
          id: Type.String(),
          label: Type.String(),
          baseline: DisclosedShare,
          followUp: Nullable(DisclosedShare),
          /** Follow-up minus baseline share (e.g. −0.04 = four percentage points fewer). */
          change: Nullable(Type.Number()),
          /** Two-proportion z-test at 5 %. */
          significant: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SurveyFollowUp = Static<typeof SurveyFollowUp>;

export const CollaborationSlugParams = Type.Object(
  { slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }) },
  { additionalProperties: false },
);

/** What residents see of a signed pledge: the pledge itself, status only for the follow-up, aggregates only. */
export const PublicPledge = Type.Object(
  {
    id: Uuid,
    year: Type.Integer(),
    title: Type.String(),
    status: Type.Enum(['signed', 'followed_up']),
    version: Type.Integer(),
    signedOn: Nullable(Day),
    parties: Type.Array(Type.String()),
    background: Type.String(),
    problems: Type.Array(
      Type.Object(
        {
          category: Category,
          label: Type.String(),
          explanation: Type.String(),
          surveyShare: Nullable(Type.Number()),
          reports: Nullable(Type.Integer()),
          hotspots: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
    activities: Type.Array(
      Type.Object(
        {
          id: Uuid,
          problem: Nullable(Type.String()),
          what: Type.String(),
          who: Responsible,
          where: Type.Array(Type.String()),
          /** How many hot-spot cells the activity targets. */
          hotspotCells: Type.Integer(),
          when: Type.String(),
          indicator: Type.String(),
          target: Type.String(),
          followUpOn: Nullable(Day),
          status: Type.Enum(activityStatuses),
          statusOn: Nullable(Day),
        },
        { additionalProperties: false },
      ),
    ),
    results: SurveyFollowUp,
  },
  { additionalProperties: false },
);
export type PublicPledge = Static<typeof PublicPledge>;

export const PublicPledges = Type.Object(
  {
    collaboration: Type.Object({ slug: Type.String(), name: Type.String() }, { additionalProperties: false }),
    threshold: Type.Integer(),
    pledges: Type.Array(PublicPledge),
  },
  { additionalProperties: false },
);
export type PublicPledges = Static<typeof PublicPledges>;
