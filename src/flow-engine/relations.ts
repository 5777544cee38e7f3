/**
 * The family relations a supervised call can name (D-05): each language has a sentence per relation, since the
 * verb and the possessive agree with the relative's gender ("ответила ваша мама", "ответил ваш отец").
 * `other`: a relationship kinline has no word for, said without one.
 */
export const RELATIONS = ['mother', 'father', 'wife', 'husband', 'son', 'daughter', 'brother', 'sister', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

// The words operators type in the relationship field (free text, in any of the three languages).
const WORDS: Record<Exclude<Relation, 'other'>, string[]> = {
  mother: ['mother', 'mom', 'mum', 'мать', 'мама', 'мати', 'матір', 'ненька'],
  father: ['father', 'dad', 'отец', 'папа', 'батько', 'тато'],
  wife: ['wife', 'жена', 'супруга', 'дружина'],
  husband: ['husband', 'муж', 'супруг', 'чоловік'],
  son: ['son', 'сын', 'син'],
  daughter: ['daughter', 'дочь', 'дочка', 'донька', 'дочка'],
  brother: ['brother', 'брат'],
  sister: ['sister', 'сестра'],
};

/** The relation a stored relationship names, or `other`. */
export function relationOf(relationship: string): Relation {
  const word = relationship.trim().toLowerCase().replaceAll('ё', 'е');
  for (const [relation, words] of Object.entries(WORDS)) if (words.includes(word)) return relation as Relation;
  return 'other';
}
