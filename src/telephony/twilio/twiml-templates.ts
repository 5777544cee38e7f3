import type { Action } from '../../flow-engine/types.js';
import { renderTwiml, spacedDigits, type TwimlUrls } from './render-twiml.js';

/** Stands for the turn number in every URL of a compiled template; filled in per request. */
export const TURN_SLOT = '__TURN__';
const HEAD = '<?xml version="1.0" encoding="UTF-8"?><Response>';
const TAIL = '</Response>';
const SLOT = 'KINLINE_SLOT_0f3a';
// Prompts come only from flow files, so a flow has a few hundred fragments; the cap only guards a bug.
const MAX_FRAGMENTS = 5000;

/** Text as xmlbuilder (VoiceResponse) escapes it; characters XML cannot carry are dropped, not sent. */
export function escapeXmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xD;');
}

/**
 * TwiML for the engine's actions, assembled from fragments that the SDK's VoiceResponse rendered once: no
 * builder runs per request (issue 3: "templates precompiled from it"). Only two parts are dynamic and both
 * are spliced in: the turn number in the action URLs, and the digits of a read-back, as escaped text. Read-
 * backs are never cached, so no reference number stays in memory. Output is byte-identical to renderTwiml
 * (test/unit/twiml-templates.test.ts checks every step in every language).
 */
export function createTwimlTemplates(urls: TwimlUrls) {
  const fragments = new Map<string, string>();
  const bodyOf = (actions: Action[]) => {
    const doc = renderTwiml(actions, urls);
    if (!doc.startsWith(HEAD) || !doc.endsWith(TAIL)) throw new Error(`unexpected TwiML shape: ${doc.slice(0, 80)}`);
    return doc.slice(HEAD.length, -TAIL.length);
  };
  const cached = (key: string, make: () => string) => {
    let f = fragments.get(key);
    if (f === undefined) {
      if (fragments.size >= MAX_FRAGMENTS) fragments.clear();
      f = make();
      fragments.set(key, f);
    }
    return f;
  };
  const pairs = new Map<string, readonly [string, string]>();
  /** [before, after] around a placeholder child, e.g. the Say's text or the Gather's children. */
  const around = (key: string, make: () => [string, string]) => {
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = make()));
    return p;
  };
  const slotSay = (lang: 'ru' | 'uk' | 'en') => bodyOf([{ kind: 'say', text: SLOT, lang }]);
  const split2 = (s: string, sep: string): [string, string] => {
    const i = s.indexOf(sep);
    if (i < 0) throw new Error('template placeholder lost');
    return [s.slice(0, i), s.slice(i + sep.length)];
  };

  function fragment(a: Action): string {
    switch (a.kind) {
      case 'say':
        return cached(`s${a.lang}\u0000${a.text}`, () => bodyOf([a]));
      case 'sayDigits': {
        const text = escapeXmlText(spacedDigits(a.digits));
        // The builder writes an empty Say as <Say/>.
        if (text === '') return cached(`d${a.lang}`, () => bodyOf([{ kind: 'say', text: '', lang: a.lang }]));
        const [pre, post] = around(`d${a.lang}`, () => split2(slotSay(a.lang), SLOT));
        return pre + text + post;
      }
      case 'gather': {
        if (a.children.length === 0) return cached(`g${JSON.stringify(a)}`, () => bodyOf([a]));
        // The Gather's language comes from its first spoken child (render-twiml.ts).
        const lang = a.children.find((c) => 'lang' in c)?.lang ?? 'ru';
        const key = `G${a.numDigits ?? ''}|${a.finishOnKey}|${a.timeout}|${a.actionOnEmpty ? 'e' : ''}|${lang}`;
        const [open, close] = around(key, () => {
          const probe = bodyOf([{ ...a, children: [{ kind: 'say', text: SLOT, lang }] }]);
          return split2(probe, slotSay(lang));
        });
        let inner = '';
        for (const c of a.children) inner += fragment(c);
        return open + inner + close;
      }
      default:
        return cached(`o${JSON.stringify(a)}`, () => bodyOf([a]));
    }
  }

  return {
    /** The whole document, with `turn` in every action URL. */
    render(actions: readonly Action[], turn: number | string): string {
      if (actions.length === 0) return renderTwiml([], urls);
      let body = '';
      for (const a of actions) body += fragment(a);
      return (HEAD + body + TAIL).replaceAll(TURN_SLOT, String(turn));
    },
    /** How many fragments are compiled (for tests: read-backs must not add any). */
    size: () => fragments.size + pairs.size,
  };
}

export type TwimlTemplates = ReturnType<typeof createTwimlTemplates>;
