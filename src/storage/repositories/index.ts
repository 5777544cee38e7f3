import type { Db } from '../database.js';
import { createAuditRepository } from './audit-repository.js';
import { createCallAttemptRepository } from './call-attempt-repository.js';
import { createFacilityLineRepository } from './facility-line-repository.js';
import { createCallLogRepository } from './call-log-repository.js';
import { createCallRequestRepository } from './call-request-repository.js';
import { createConsentRepository } from './consent-repository.js';
import { createContactRepository } from './contact-repository.js';
import { createDetaineeRepository } from './detainee-repository.js';
import { createEnquiryRepository } from './enquiry-repository.js';
import { createFacilityRepository } from './facility-repository.js';
import { createFiguresRepository } from './figures-repository.js';
import { createMessageRepository } from './message-repository.js';
import { createScheduledCallRepository } from './scheduled-call-repository.js';
import { createTaskRepository } from './task-repository.js';
import { createUserRepository } from './user-repository.js';

/** Every repository, built over one database handle. */
export function createRepositories(db: Db, secretHashKey: string) {
  return {
    db,
    audit: createAuditRepository(db),
    callAttempts: createCallAttemptRepository(db),
    facilityLines: createFacilityLineRepository(db),
    callLogs: createCallLogRepository(db),
    callRequests: createCallRequestRepository(db),
    consent: createConsentRepository(db),
    contacts: createContactRepository(db, secretHashKey),
    detainees: createDetaineeRepository(db),
    enquiries: createEnquiryRepository(db),
    facilities: createFacilityRepository(db),
    figures: createFiguresRepository(db),
    messages: createMessageRepository(db),
    scheduledCalls: createScheduledCallRepository(db),
    tasks: createTaskRepository(db),
    users: createUserRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
