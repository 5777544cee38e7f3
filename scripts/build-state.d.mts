export function buildInputs(root: string): string[];
export function fingerprint(root: string): string;
export const STAMP: string;
export function buildReason(s: { current: string; stamp: string | undefined; entryExists: boolean }): string | undefined;
export function readStamp(root: string): string | undefined;
