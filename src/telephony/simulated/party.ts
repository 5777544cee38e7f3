/** What the simulated caller (or callee) does when a Gather or Record waits for them. */
export type PartyAction =
  | { kind: 'digits'; digits: string }
  | { kind: 'silence' }
  | { kind: 'hangup' }
  /** Speaks into a Record for this many seconds, then presses #. */
  | { kind: 'speak'; seconds: number };

export interface PartyPrompt {
  verb: 'Gather' | 'Record';
  /** What was heard since the last input, including the Gather's own prompts. */
  heard: string[];
  attrs: Record<string, string>;
}

export interface Party {
  respond(prompt: PartyPrompt): Promise<PartyAction> | PartyAction;
}

/**
 * A scripted party from `--digits 1,1,7319045624#,1,246813#`: one item per Gather or Record, in order. An empty
 * item is no input; `h` hangs up; `rec` or `rec:12` speaks into a Record (any other item also does, 5 s).
 * When the script runs out, the party hangs up.
 */
export function scriptedParty(script: string | string[]): Party & { remaining(): number } {
  const items = Array.isArray(script) ? [...script] : script.split(',');
  return {
    remaining: () => items.length,
    respond(prompt) {
      if (items.length === 0) return { kind: 'hangup' };
      const item = items.shift()!.trim();
      if (item === 'h' || item === 'hangup') return { kind: 'hangup' };
      if (item === '') return { kind: 'silence' };
      if (prompt.verb === 'Record') {
        const m = /^rec(?::(\d+))?$/.exec(item);
        return { kind: 'speak', seconds: m?.[1] ? Number(m[1]) : 5 };
      }
      return { kind: 'digits', digits: item };
    },
  };
}
