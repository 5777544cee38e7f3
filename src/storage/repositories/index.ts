import { sql } from 'kysely';
import type { Db } from '../database.js';
import { createAuditRepository } from './audit-repository.js';
import { createCallAttemptRepository } from './call-attempt-repository.js';
import { createFacilityLineRepository } from './facility-line-repository.js';
import { createCallLogRepository } from './call-log-repository.js';
import { createCallRequestRepository } from './call-request-repository.js';
import { createCallerFlagRepository } from './caller-flag-repository.js';
import { createConsentRepository } from './consent-repository.js';
import { createContactRepository } from './contact-repository.js';
import { createDetaineeRepository } from './detainee-repository.js';
import { createDeskRepository } from './desk-repository.js';
import { createEnquiryRepository } from './enquiry-repository.js';
import { createFacilityRepository } from './facility-repository.js';
import { createFiguresRepository } from './figures-repository.js';
import { createLookupSuspensionRepository } from './lookup-suspension-repository.js';
import { createMessageRepository } from './message-repository.js';
import { createNibReportRepository } from './nib-report-repository.js';
import { createScheduledCallRepository } from './scheduled-call-repository.js';
import { createTaskRepository } from './task-repository.js';
import { createTaskCallRepository } from './task-call-repository.js';
import { createUserRepository } from './user-repository.js';
import { createNoticeRepository } from './notice-repository.js';
import { createCallRecordingRepository } from './call-recording-repository.js';
import { createRetentionRepository } from './retention-repository.js';
import { createErasureRepository } from './erasure-repository.js';

function createTableRepositories(db: Db, secretHashKey: string) {
  return {
    audit: createAuditRepository(db),
    callAttempts: createCallAttemptRepository(db),
    facilityLines: createFacilityLineRepository(db),
    callLogs: createCallLogRepository(db),
    callRequests: createCallRequestRepository(db),
    callerFlags: createCallerFlagRepository(db),
    consent: createConsentRepository(db),
    contacts: createContactRepository(db, secretHashKey),
    detainees: createDetaineeRepository(db),
    desk: createDeskRepository(db),
    enquiries: createEnquiryRepository(db),
    facilities: createFacilityRepository(db),
    figures: createFiguresRepository(db),
    lookupSuspensions: createLookupSuspensionRepository(db),
    messages: createMessageRepository(db),
    nibReports: createNibReportRepository(db),
    scheduledCalls: createScheduledCallRepository(db),
    tasks: createTaskRepository(db),
    taskCalls: createTaskCallRepository(db),
    users: createUserRepository(db),
    notices: createNoticeRepository(db),
    callRecordings: createCallRecordingRepository(db),
    retention: createRetentionRepository(db),
    erasure: createErasureRepository(db),
  };
}

/**
 * The repositories inside one transaction (see `transaction` below). Methods that open a transaction of their
 * own (audit.append, audit.verify, callAttempts.claim) cannot run inside one: Kysely refuses nested ones.
 */
export type TransactionRepositories = ReturnType<typeof createTableRepositories>;

/** Every repository, built over one database handle. */
export function createRepositories(db: Db, secretHashKey: string) {
  return {
    ...createTableRepositories(db, secretHashKey),
    /** Resolves when the database answers a trivial query (the readiness check). */
    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },
    /**
     * Runs `fn` in one transaction with repositories bound to it: their writes commit together when `fn`
     * resolves and roll back together when it throws. Inside `fn` use only `trx`: PGlite has one connection,
     * so a query through the outer repositories would wait for the transaction that waits for it.
     */
    transaction: <T>(fn: (trx: TransactionRepositories) => Promise<T>): Promise<T> =>
      db.transaction().execute((trx) => fn(createTableRepositories(trx, secretHashKey))),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

// What other folders may use of the repositories besides the object above: types and limits only.
export type { AuditFilter, AuditVerification } from './audit-repository.js';
export type { AttemptEnd, Leg } from './call-attempt-repository.js';
export type { CallLogEntry, FinalStatus } from './call-log-repository.js';
export type { ConsentChange, ConsentState } from './consent-repository.js';
export type { ContactUpdate } from './contact-repository.js';
export type { CallHoursRow, FacilityChanges } from './facility-repository.js';
export { SEARCH_LIMIT, type DetaineeRepository } from './detainee-repository.js';
export type { StatusFacts } from './select-status-facts.js';
export type { NoticeRow } from './notice-repository.js';
