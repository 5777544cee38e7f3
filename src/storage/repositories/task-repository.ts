import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Language, Task } from '../schema.js';

export interface NewTask {
  kind:
    | 'bad_news'
    | 'fraud_flag'
    | 'protection'
    | 'callback'
    | 'operator_callback'
    | 'contact_floor'
    | 'message_review'
    | 'lookup_limit'
    | 'call_reason'
    | 'nib_report';
  priority?: number;
  restricted?: boolean;
  detaineeId?: number | null;
  contactId?: number | null;
  callSid?: string | null;
  callbackPhone?: string | null;
  callbackWindow?: string | null;
  language?: Language | null;
  summary?: string | null;
  /** A call_reason task: `deny:<code>` or `cancel:<code>` (O-07). */
  reasonCode?: string | null;
}

/** Tasks for humans: bad news, fraud flags, protection escalations, callbacks. */
export function createTaskRepository(db: Db) {
  return {
    /** Idempotent per (call, kind): a retried webhook does not open a second task. */
    async create(t: NewTask): Promise<Task> {
      if (t.callSid) {
        const existing = await db
          .selectFrom('tasks')
          .selectAll()
          .where('call_sid', '=', t.callSid)
          .where('kind', '=', t.kind)
          .executeTakeFirst();
        if (existing) {
          if (t.callbackWindow && existing.callback_window !== t.callbackWindow) {
            return db
              .updateTable('tasks')
              .set({ callback_window: t.callbackWindow })
              .where('id', '=', existing.id)
              .returningAll()
              .executeTakeFirstOrThrow();
          }
          return existing;
        }
      }
      return db
        .insertInto('tasks')
        .values({
          kind: t.kind,
          priority: t.priority ?? 3,
          restricted: t.restricted ?? false,
          detainee_id: t.detaineeId ?? null,
          contact_id: t.contactId ?? null,
          call_sid: t.callSid ?? null,
          callback_phone: t.callbackPhone ?? null,
          callback_window: t.callbackWindow ?? null,
          language: t.language ?? null,
          summary: t.summary ?? null,
          reason_code: t.reasonCode ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    findById: (id: number) => db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst(),
    listOpen: (opts: { restricted?: boolean; limit?: number } = {}) => {
      let q = db
        .selectFrom('tasks')
        .selectAll()
        .where('status', '!=', 'done')
        .orderBy('priority')
        .orderBy('created_at')
        .limit(opts.limit ?? 100);
      if (opts.restricted !== undefined) q = q.where('restricted', '=', opts.restricted);
      return q.execute();
    },
    /**
     * Open tasks and the late ones among them (a callback kind opened before `lateBefore`), in one aggregate;
     * restricted ones only when the viewer may see them (S-05).
     */
    async countOpen(q: {
      includeRestricted: boolean;
      callbackKinds: readonly string[];
      lateBefore: Date;
    }): Promise<{ open: number; late: number }> {
      let s = db
        .selectFrom('tasks')
        .select([
          sql<number>`count(*)`.as('open'),
          sql<number>`count(*) filter (where kind in (${sql.join([...q.callbackKinds])}) and created_at < ${q.lateBefore})`.as('late'),
        ])
        .where('status', '!=', 'done');
      if (!q.includeRestricted) s = s.where('restricted', '=', false);
      const r = await s.executeTakeFirstOrThrow();
      return { open: Number(r.open), late: Number(r.late) };
    },
    close: (id: number, by: string) =>
      db
        .updateTable('tasks')
        .set({ status: 'done', assigned_to: by, closed_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst(),
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;
