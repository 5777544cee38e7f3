import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  FacilityTable,
  FacilityCallHoursTable,
  FacilityLineTable,
  DetaineeTable,
  ContactTable,
  ConsentEntryTable,
} from './tables/people-tables.js';
import type { EnquiryTable, CallRequestTable, MessageTable, TaskTable, LookupSuspensionTable } from './tables/inbox-tables.js';
import type { ScheduledCallTable, CallAttemptTable, CallEventTable, CallLogTable } from './tables/call-tables.js';
import type { UserTable, ApiTokenTable, AuditLogTable, AuditHeadTable } from './tables/account-tables.js';
import type { DeskWrapUpTable } from './tables/desk-tables.js';
import type { TaskCallTable } from './tables/task-call-tables.js';
import type { DetaineeNoticeTable, CallRecordingTable } from './tables/rights-tables.js';
import type { CallerFlagTable } from './tables/caller-flag-tables.js';

export * from './tables/column-types.js';
export type {
  FacilityTable,
  FacilityCallHoursTable,
  FacilityLineTable,
  DetaineeTable,
  ContactTable,
  ConsentEntryTable,
} from './tables/people-tables.js';
export type { EnquiryTable, CallRequestTable, MessageTable, TaskTable, LookupSuspensionTable } from './tables/inbox-tables.js';
export type { ScheduledCallTable, CallAttemptTable, CallEventTable, CallLogTable } from './tables/call-tables.js';
export type { UserTable, ApiTokenTable, AuditLogTable, AuditHeadTable } from './tables/account-tables.js';
export type { DeskWrapUpTable } from './tables/desk-tables.js';
export type { TaskCallTable } from './tables/task-call-tables.js';
export type { DetaineeNoticeTable, CallRecordingTable } from './tables/rights-tables.js';
export type { CallerFlagTable } from './tables/caller-flag-tables.js';

export interface Database {
  facilities: FacilityTable;
  facility_lines: FacilityLineTable;
  facility_call_hours: FacilityCallHoursTable;
  detainees: DetaineeTable;
  contacts: ContactTable;
  consent_entries: ConsentEntryTable;
  enquiries: EnquiryTable;
  call_requests: CallRequestTable;
  messages: MessageTable;
  scheduled_calls: ScheduledCallTable;
  call_attempts: CallAttemptTable;
  call_events: CallEventTable;
  call_logs: CallLogTable;
  tasks: TaskTable;
  lookup_suspensions: LookupSuspensionTable;
  task_calls: TaskCallTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  desk_wrap_ups: DeskWrapUpTable;
  detainee_notices: DetaineeNoticeTable;
  call_recordings: CallRecordingTable;
  caller_flags: CallerFlagTable;
}

export type Detainee = Selectable<DetaineeTable>;
export type NewDetainee = Insertable<DetaineeTable>;
export type DetaineeUpdate = Updateable<DetaineeTable>;
export type Contact = Selectable<ContactTable>;
export type Facility = Selectable<FacilityTable>;
export type FacilityLine = Selectable<FacilityLineTable>;
export type FacilityCallHours = Selectable<FacilityCallHoursTable>;
export type ConsentEntry = Selectable<ConsentEntryTable>;
export type Enquiry = Selectable<EnquiryTable>;
export type CallRequest = Selectable<CallRequestTable>;
export type Message = Selectable<MessageTable>;
export type ScheduledCall = Selectable<ScheduledCallTable>;
export type CallAttempt = Selectable<CallAttemptTable>;
export type CallEvent = Selectable<CallEventTable>;
export type CallLog = Selectable<CallLogTable>;
export type Task = Selectable<TaskTable>;
export type LookupSuspension = Selectable<LookupSuspensionTable>;
export type TaskCall = Selectable<TaskCallTable>;
export type User = Selectable<UserTable>;
export type ApiToken = Selectable<ApiTokenTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type DeskWrapUp = Selectable<DeskWrapUpTable>;
export type DetaineeNotice = Selectable<DetaineeNoticeTable>;
export type CallRecording = Selectable<CallRecordingTable>;
export type CallerFlag = Selectable<CallerFlagTable>;
