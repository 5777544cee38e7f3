/**
 * Effect outcomes that an `error:` fallback never covers. A flow must map each explicitly: `error: disclosure`
 * would otherwise tell the family of a dead man that he is held (C-05, C-07).
 */
export const EXPLICIT_OUTCOMES: readonly string[] = ['bad_news', 'negative'];

/** The outcome whose path must never speak what a disclosure speaks (C-07: a trained person calls back). */
export const BAD_NEWS_OUTCOME = 'bad_news';

/** Prompt key prefixes that say a person is held or how he is; never reachable from the bad-news path. */
export const DISCLOSING_PROMPT = /^(disclosure|health)\./;

/**
 * Where an effect outcome goes at run time. An unmapped bad_news falls back to the negative answer (nothing
 * is said about the person; the callback task already exists), never to `error`.
 */
export function outcomeTarget<T>(outcomes: Record<string, T>, outcome: string): T | undefined {
  const own = Object.hasOwn(outcomes, outcome) ? outcomes[outcome] : undefined;
  if (own !== undefined) return own;
  if (outcome === BAD_NEWS_OUTCOME) return Object.hasOwn(outcomes, 'negative') ? outcomes.negative : undefined;
  if (EXPLICIT_OUTCOMES.includes(outcome)) return undefined;
  return Object.hasOwn(outcomes, 'error') ? outcomes.error : undefined;
}
