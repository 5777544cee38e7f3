import type { Repositories } from '../storage/repositories/index.js';
import { SPEAKABLE_HEALTH_CATEGORIES, type Contact } from '../storage/schema.js';
import type { StatusFacts } from '../storage/repositories/index.js';

export type Disclosure =
  | { kind: 'negative' }
  | { kind: 'disclosed'; health?: (typeof SPEAKABLE_HEALTH_CATEGORIES)[number]; detaineeId: number; contactId: number }
  | { kind: 'bad_news'; detaineeId: number; contactId: number };

// Every lookup checks at least this many secrets, so the count of contacts barely shows in the timing (C-05).
const MIN_SECRET_CHECKS = 4;
const DUMMY: Pick<Contact, 'secret_hash' | 'secret_salt'> = { secret_hash: '0'.repeat(64), secret_salt: 'kinline-dummy-salt' };

/**
 * What the consent ledger lets this caller hear (C-03, C-05, C-06, C-07, D-09). Every negative case returns
 * the same value after the same work: one query and at least MIN_SECRET_CHECKS keyed hashes. `secretMatched`
 * is for the lookup limits only (a match gives the reserved failure back); it never changes what is said.
 */
export async function decideDisclosure(
  repos: Repositories,
  reference: string,
  secret: string,
): Promise<Disclosure & { secretMatched: boolean }> {
  const { detainee, contacts } = await repos.detainees.statusFacts(reference);
  let matched: StatusFacts['contacts'][number] | undefined;
  for (const c of contacts) {
    const target = c.secret_hash && c.secret_salt ? c : DUMMY;
    if (repos.contacts.secretMatches(target, secret) && target !== DUMMY && !matched) matched = c;
  }
  for (let i = contacts.length; i < MIN_SECRET_CHECKS; i++) repos.contacts.secretMatches(DUMMY, secret);
  return { ...disclosure(detainee, matched), secretMatched: matched !== undefined };
}

function disclosure(detainee: StatusFacts['detainee'], matched: StatusFacts['contacts'][number] | undefined): Disclosure {
  // D-09: a contact the detainee marked "never disclose to" is treated like an unknown reference.
  if (!detainee || !matched || matched.blocked) return { kind: 'negative' };
  const consent = matched.consent;
  // C-05, D-01: without `held` consent the caller gets the negative answer whatever the status; a distinct
  // bad-news path would itself confirm that this person is (or was) in custody.
  if (!consent.held) return { kind: 'negative' };
  const ids = { detaineeId: detainee.id, contactId: matched.id };
  // C-07: death and "missing, possibly dead" go to a trained person, never to the IVR.
  if (detainee.status === 'deceased' || detainee.possibly_dead) return { kind: 'bad_news', ...ids };
  const held = detainee.status === 'held' || detainee.status === 'hospitalised';
  if (!held) return { kind: 'negative' };
  const health = detainee.health_category;
  if (health === 'serious' || health === 'critical') {
    // Without health consent the caller hears only "held"; with it, a person calls back (never TTS).
    return consent.health ? { kind: 'bad_news', ...ids } : { kind: 'disclosed', ...ids };
  }
  const speakable = consent.health && health && (SPEAKABLE_HEALTH_CATEGORIES as readonly string[]).includes(health);
  return { kind: 'disclosed', ...ids, ...(speakable ? { health: health as (typeof SPEAKABLE_HEALTH_CATEGORIES)[number] } : {}) };
}
