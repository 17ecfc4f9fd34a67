// Kysely's one Database type. The tables are declared in tables/, grouped by what they hold;
// tests/api/schema-drift.test.ts checks that they agree with migrations/.
import type {
  CollaborationTable,
  MunicipalityTable,
  AreaTable,
  SurveyResponseTable,
  PointTable,
  AgencyTable,
  AppUserTable,
  UserSessionTable,
  OneTimeTokenTable,
  RateLimitCounterTable,
  LoginThrottleTable,
  PublishedResultsTable,
  AuditLogTable,
  SurveyTable,
  SurveyVersionTable,
  CampaignTable,
  NamedPlaceTable,
  SurveyPinTable,
  FreeTextTable,
  ImportBatchTable,
  ImportTemplateTable,
  CategoryMappingTable,
  SafetyWalkTable,
  WalkStopTable,
  WalkPhotoTable,
  DialogueMeetingTable,
  DialogueConcernTable,
  SnapshotTable,
  PledgeTable,
  PledgeProblemTable,
  PledgeActivityTable,
  ActivityUpdateTable,
  PopulationSquareTable,
  MailOutboxTable,
} from './tables';

export * from './tables';

/** Kysely's view of every table; keep in step with migrations/ (tests/api/schema-drift.test.ts fails otherwise). */
export interface Database {
  collaboration: CollaborationTable;
  municipality: MunicipalityTable;
  area: AreaTable;
  survey_response: SurveyResponseTable;
  point: PointTable;
  agency: AgencyTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  one_time_token: OneTimeTokenTable;
  rate_limit_counter: RateLimitCounterTable;
  login_throttle: LoginThrottleTable;
  published_results: PublishedResultsTable;
  audit_log: AuditLogTable;
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  campaign: CampaignTable;
  named_place: NamedPlaceTable;
  survey_pin: SurveyPinTable;
  free_text: FreeTextTable;
  import_batch: ImportBatchTable;
  import_template: ImportTemplateTable;
  category_mapping: CategoryMappingTable;
  safety_walk: SafetyWalkTable;
  walk_stop: WalkStopTable;
  walk_photo: WalkPhotoTable;
  dialogue_meeting: DialogueMeetingTable;
  dialogue_concern: DialogueConcernTable;
  lagesbild_snapshot: SnapshotTable;
  pledge: PledgeTable;
  pledge_problem: PledgeProblemTable;
  pledge_activity: PledgeActivityTable;
  activity_update: ActivityUpdateTable;
  population_square: PopulationSquareTable;
  mail_outbox: MailOutboxTable;
}
