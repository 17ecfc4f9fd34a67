import { Type, type Static } from 'typebox';
import { AgencyKindSchema, RoleSchema } from './staff';

/** What kind of EST partner a partner agency is. */
export const partnerKinds = [
  'housing',
  'school',
  'social_services',
  'leisure',
  'rescue_service',
  'security_company',
  'business',
  'civil_society',
  'other',
] as const;
export type PartnerKind = (typeof partnerKinds)[number];
export const PartnerKindSchema = Type.Enum(partnerKinds);

const Uuid = Type.String({ format: 'uuid' });
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const Agency = Type.Object(
  {
    id: Uuid,
    kind: AgencyKindSchema,
    name: Type.String(),
    /** Only for `kind: "partner"`. */
    partnerKind: Type.Optional(PartnerKindSchema),
    /** A deactivated agency stays for its history but takes no new users. */
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type Agency = Static<typeof Agency>;

export const AgencyList = Type.Object({ agencies: Type.Array(Agency) }, { additionalProperties: false });
export type AgencyList = Static<typeof AgencyList>;

export const CreateAgencyBody = Type.Object(
  { kind: AgencyKindSchema, name: Name, partnerKind: Type.Optional(PartnerKindSchema) },
  { additionalProperties: false },
);
export type CreateAgencyBody = Static<typeof CreateAgencyBody>;

export const UpdateAgencyBody = Type.Object(
  { name: Type.Optional(Name), partnerKind: Type.Optional(PartnerKindSchema), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAgencyBody = Static<typeof UpdateAgencyBody>;

/** An official four-digit kommunkod; whether it names a municipality is checked by the server. */
export const Kommunkod = Type.String({ pattern: '^[0-9]{4}$' });
export const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' });
/** A language residents may answer in, as its two-letter code. */
const Language = Type.String({ pattern: '^[a-z]{2}$' });
/** No figure may rest on fewer than five respondents, whatever a collaboration chooses. */
export const DISCLOSURE_THRESHOLD_MIN = 5;

export const Municipality = Type.Object({ code: Kommunkod, name: Type.String() }, { additionalProperties: false });

export const Collaboration = Type.Object(
  {
    id: Uuid,
    slug: Type.String(),
    name: Type.String(),
    municipalities: Type.Array(Municipality),
    /** Its lokalpolisområde. */
    policeArea: Type.String(),
    languages: Type.Array(Type.String()),
    disclosureThreshold: Type.Integer(),
  },
  { additionalProperties: false },
);
export type Collaboration = Static<typeof Collaboration>;

export const UpdateCollaborationBody = Type.Object(
  {
    name: Type.Optional(Name),
    municipalities: Type.Optional(Type.Array(Kommunkod, { minItems: 1, maxItems: 20, uniqueItems: true })),
    policeArea: Type.Optional(Name),
    languages: Type.Optional(Type.Array(Language, { minItems: 1, maxItems: 20, uniqueItems: true })),
    disclosureThreshold: Type.Optional(Type.Integer({ minimum: DISCLOSURE_THRESHOLD_MIN, maximum: 1000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCollaborationBody = Static<typeof UpdateCollaborationBody>;

export const Membership = Type.Object(
  { collaborationId: Uuid, slug: Type.String(), name: Type.String(), role: RoleSchema },
  { additionalProperties: false },
);
export type Membership = Static<typeof Membership>;
