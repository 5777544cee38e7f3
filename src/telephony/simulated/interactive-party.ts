import { createInterface } from 'node:readline/promises';
import type { Party } from './party.js';

/** Asks a person at the terminal what to press: digits, empty for no input, `h` to hang up. */
export function interactiveParty(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Party & { close(): void } {
  const rl = createInterface({ input, output });
  return {
    async respond(prompt) {
      const hint =
        prompt.verb === 'Record' ? 'record (Enter = speak 5 s, rec:N = N s, - = silence)' : 'keys (empty = no input, h = hang up)';
      const answer = (await rl.question(`  ${hint}> `)).trim();
      if (answer === 'h' || answer === 'hangup') return { kind: 'hangup' };
      if (prompt.verb === 'Record') {
        if (answer === '-') return { kind: 'silence' };
        const m = /^rec:(\d+)$/.exec(answer);
        return { kind: 'speak', seconds: m ? Number(m[1]) : 5 };
      }
      return answer === '' ? { kind: 'silence' } : { kind: 'digits', digits: answer };
    },
    close: () => rl.close(),
  };
}
