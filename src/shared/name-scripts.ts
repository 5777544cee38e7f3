// The script a name is written in decides which voice may read it (D-11): a Russian or Ukrainian voice reads
// Cyrillic, the English voice Latin; each mangles the other.

/** A name in Cyrillic letters (with spaces, hyphens, dots and apostrophes). */
export const CYRILLIC_NAME = /^\p{Script=Cyrillic}[\p{Script=Cyrillic}\p{M}'’ʼ. -]*$/u;
/** A name in Latin letters (with spaces, hyphens, dots and apostrophes). */
export const LATIN_NAME = /^\p{Script=Latin}[\p{Script=Latin}\p{M}'’ʼ. -]*$/u;
