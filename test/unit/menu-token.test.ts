import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { loadFlow } from '../../src/flow-engine/load-flow.js';
import type { Flow } from '../../src/flow-engine/types.js';
import type { CallSession } from '../../src/hotline/call-session.js';
import { fromMenuToken, menuToken, menuTokenKey } from '../../src/hotline/menu-token.js';

let flow: Flow;
const key = menuTokenKey('menu-token-test-secret-0123456789abcdef');
const otherKey = menuTokenKey('another-secret-hash-key-0123456789abcdef');

before(async () => {
  flow = await loadFlow('flows/hotline');
});

const session = (over: Partial<CallSession> = {}): CallSession => ({
  callSid: `CA${'a'.repeat(32)}`,
  from: '+380501112233',
  turn: 4,
  data: {},
  language: 'uk',
  step: 'main',
  attempts: { main: 2 },
  vars: { recording: 'off', language: 'uk' },
  path: [],
  ended: false,
  ...over,
});

const split = (token: string) => {
  const [payload, tag] = token.split('.');
  return { payload, tag };
};
const decode = (payload: string): unknown => JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
/** A token with kinline's tag over any payload: it tests the payload checks, not the tag check. */
const forge = (value: unknown, k: Buffer = key): string => {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${createHmac('sha256', k).update(payload).digest().subarray(0, 12).toString('base64url')}`;
};
/** Replaces one character of `s` at `i` with a different character of the base64url alphabet. */
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

describe('menu token: round trip', () => {
  for (const step of ['main', 'language', 'reference']) {
    it(`gives back turn, step, language, attempts and vars of a session at ${step}`, () => {
      const s = session({ step });
      const token = menuToken(flow, s, key);
      assert.ok(token, `a session at ${step} carries its state`);
      const back = fromMenuToken(flow, token, s.turn, key);
      assert.deepEqual(back, { turn: s.turn, step, language: s.language, attempts: { main: 2 }, vars: { recording: 'off', language: 'uk' } });
    });
  }
  it('different states give different tokens and each decodes to its own state', () => {
    const a = menuToken(flow, session({ language: 'ru', attempts: {} }), key)!;
    const b = menuToken(flow, session({ language: 'en', attempts: { main: 1, language: 3 } }), key)!;
    assert.notEqual(a, b);
    assert.equal(fromMenuToken(flow, a, 4, key)?.language, 'ru');
    assert.deepEqual(fromMenuToken(flow, b, 4, key)?.attempts, { main: 1, language: 3 });
  });
  it('a forged payload with the right tag is accepted (control for the refusal cases below)', () => {
    const back = fromMenuToken(flow, forge([1, 4, 'main', 'en', { main: 3 }, { recording: 'on' }]), 4, key);
    assert.deepEqual(back, { turn: 4, step: 'main', language: 'en', attempts: { main: 3 }, vars: { recording: 'on' } });
  });
});

describe('menu token: deterministic', () => {
  it('the same state gives the same token, so a retry gets byte-identical TwiML', () => {
    const t1 = menuToken(flow, session(), key);
    const t2 = menuToken(flow, session({ callSid: `CA${'b'.repeat(32)}`, from: '+380509998877', path: [{ step: 'main', input: '1' }] }), key);
    assert.ok(t1);
    assert.equal(t1, t2, 'callSid, from and path are not part of the token');
    assert.equal(menuToken(flow, structuredClone(session()), key), t1);
  });
  it('depends on the key', () => {
    assert.notEqual(menuToken(flow, session(), key), menuToken(flow, session(), otherKey));
  });
});

describe('menu token: never carries private state', () => {
  for (const [name, vars] of [
    ['reference', { recording: 'off', reference: '7081396985' }],
    ['secret', { recording: 'off', secret: '1234' }],
    ['callback', { recording: 'off', callback: '0501112233' }],
    ['an unknown var', { recording: 'off', window: 'morning' }],
    ['a public var with a value outside its list', { recording: 'maybe' }],
    ['language with a value outside its list', { language: 'de' }],
  ] as const) {
    it(`is undefined when vars hold ${name}`, () => {
      assert.ok(menuToken(flow, session(), key), 'control: the same session without that var carries');
      assert.equal(menuToken(flow, session({ vars: { ...vars } }), key), undefined);
    });
  }
  for (const [name, data] of [
    ['detaineeId', { detaineeId: 17 }],
    ['detaineeId 0', { detaineeId: 0 }],
    ['contactId', { contactId: 5 }],
    ['flagged', { flagged: true }],
  ] as const) {
    it(`is undefined when data.${name} is set`, () => {
      assert.equal(menuToken(flow, session({ data: { ...data } }), key), undefined);
    });
  }
  it('is undefined when the session has ended or has no step', () => {
    assert.equal(menuToken(flow, session({ ended: true }), key), undefined);
    assert.equal(menuToken(flow, session({ step: null }), key), undefined);
  });
  for (const [step, type] of [
    ['lookup', 'effect'],
    ['message', 'record-message'],
    ['operator_queue', 'enqueue'],
    ['reference_confirm', 'confirm-digits'],
    ['greeting', 'say'],
    ['no_such_step', undefined],
  ] as const) {
    it(`is undefined at ${step} (${type ?? 'not in the flow'})`, () => {
      assert.equal(flow.steps[step]?.type, type, 'the flow still has this step type');
      assert.equal(menuToken(flow, session({ step }), key), undefined);
    });
  }
  it('contains no digits the caller keyed in: the payload has no path', () => {
    const keyed = '7081396985';
    const s = session({ step: 'main', path: [{ step: 'language', input: '2' }, { step: 'reference', input: keyed }, { step: 'main', input: '1' }] });
    const token = menuToken(flow, s, key);
    assert.ok(token);
    const { payload } = split(token);
    const decoded = decode(payload);
    assert.ok(Array.isArray(decoded));
    assert.equal(decoded.length, 6);
    const text = JSON.stringify(decoded);
    assert.ok(!text.includes(keyed), 'the keyed reference is not in the token');
    assert.ok(!text.includes('path') && !text.includes('input'), `no path entries in ${text}`);
    assert.ok(!text.includes(s.from) && !text.includes(s.callSid), 'neither the number nor the CallSid');
    assert.equal(Object.hasOwn(fromMenuToken(flow, token, s.turn, key)!, 'path'), false);
  });
});

describe('menu token: refuses', () => {
  const good = () => menuToken(flow, session(), key)!;
  it('a token tagged with another key', () => {
    assert.ok(fromMenuToken(flow, good(), 4, key), 'control');
    assert.equal(fromMenuToken(flow, good(), 4, otherKey), undefined);
    assert.equal(fromMenuToken(flow, menuToken(flow, session(), otherKey)!, 4, key), undefined);
  });
  it('another turn', () => {
    for (const turn of [0, 3, 5, 40]) assert.equal(fromMenuToken(flow, good(), turn, key), undefined, `turn ${turn}`);
  });
  it('any flipped character in the payload or the tag', () => {
    const token = good();
    let tried = 0;
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const bad = flip(token, i);
      assert.notEqual(bad, token);
      assert.equal(fromMenuToken(flow, bad, 4, key), undefined, `flipped at ${i}`);
      tried++;
    }
    assert.equal(tried, token.length - 1);
  });
  it('a payload re-encoded with a changed step but the old tag', () => {
    const { payload, tag } = split(good());
    const v = decode(payload) as unknown[];
    assert.equal(v[2], 'main');
    v[2] = 'reference';
    const changed = Buffer.from(JSON.stringify(v)).toString('base64url');
    assert.notEqual(changed, payload);
    assert.equal(fromMenuToken(flow, `${changed}.${tag}`, 4, key), undefined);
    // The same change with a fresh tag is accepted: the refusal above is the tag's doing.
    assert.equal(fromMenuToken(flow, forge(v), 4, key)?.step, 'reference');
  });
  it('an over-long token, even with a valid tag', () => {
    const ids = Object.keys(flow.steps);
    const attempts = Object.fromEntries(ids.map((id) => [id, 1]));
    const long = forge([1, 4, 'main', 'ru', attempts, {}]);
    assert.ok(long.length > 400, `${long.length} chars`);
    assert.equal(fromMenuToken(flow, long, 4, key), undefined);
    assert.equal(menuToken(flow, session({ attempts }), key), undefined, 'and menuToken does not issue one');
    assert.equal(fromMenuToken(flow, `${'A'.repeat(5000)}.${split(good()).tag}`, 4, key), undefined);
  });
  it('non-base64 garbage and malformed tokens', () => {
    const { payload, tag } = split(good());
    for (const bad of [
      '',
      '.',
      'not a token',
      `${payload}`,
      `${payload}.`,
      `.${tag}`,
      `${payload}.${tag}.${tag}`,
      `${payload}.${tag}=`,
      `${payload}=.${tag}`,
      `${payload.slice(0, 10)}+/${payload.slice(12)}.${tag}`,
      `${payload}.${tag.slice(0, 15)}`,
      `${payload}.${tag}A`,
      `${payload}%2E${tag}`,
      `${payload}\n.${tag}`,
    ]) {
      assert.equal(fromMenuToken(flow, bad, 4, key), undefined, JSON.stringify(bad));
    }
  });
  it('a validly tagged payload that is not JSON, or not the expected array', () => {
    const tagged = (raw: string) => {
      const p = Buffer.from(raw).toString('base64url');
      return `${p}.${createHmac('sha256', key).update(p).digest().subarray(0, 12).toString('base64url')}`;
    };
    assert.ok(fromMenuToken(flow, tagged(JSON.stringify([1, 4, 'main', 'ru', {}, {}])), 4, key), 'control');
    for (const raw of ['{', 'null', '{}', '[]', '"main"', JSON.stringify([2, 4, 'main', 'ru', {}, {}]), JSON.stringify([1, 4, 'main', 'ru', {}, {}, 'x']), JSON.stringify([1, '4', 'main', 'ru', {}, {}])]) {
      assert.equal(fromMenuToken(flow, tagged(raw), 4, key), undefined, raw);
    }
  });
  for (const step of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'lookup', 'message', 'operator_queue', 'nope', 3]) {
    it(`step ${String(step)}, even with a valid tag`, () => {
      assert.equal(fromMenuToken(flow, forge([1, 4, step, 'ru', {}, {}]), 4, key), undefined);
    });
  }
  for (const k of ['__proto__', 'constructor', 'toString', 'no_such_step']) {
    it(`attempts key ${k}, even with a valid tag`, () => {
      // JSON.parse makes "__proto__" an own key, as an attacker's JSON would.
      const raw = `[1,4,"main","ru",{"${k}":1},{}]`;
      const p = Buffer.from(raw).toString('base64url');
      const token = `${p}.${createHmac('sha256', key).update(p).digest().subarray(0, 12).toString('base64url')}`;
      assert.equal(fromMenuToken(flow, token, 4, key), undefined);
    });
  }
  for (const n of [0, 21, 1.5, '2', -1, null, true, 1e300]) {
    it(`attempts of ${JSON.stringify(n)}`, () => {
      assert.ok(fromMenuToken(flow, forge([1, 4, 'main', 'ru', { main: 20 }, {}]), 4, key), 'control: 20 is allowed');
      assert.equal(fromMenuToken(flow, forge([1, 4, 'main', 'ru', { main: n }, {}]), 4, key), undefined);
    });
  }
  for (const [name, language, attempts, vars] of [
    ['an unknown language', 'de', {}, {}],
    ['attempts as an array', 'ru', [1], {}],
    ['vars as an array', 'ru', {}, ['on']],
    ['a private var', 'ru', {}, { reference: '7081396985' }],
    ['a var with a number value', 'ru', {}, { recording: 1 }],
    ['a var named __proto__', 'ru', {}, JSON.parse('{"__proto__":"on"}')],
  ] as const) {
    it(`${name}, even with a valid tag`, () => {
      assert.equal(fromMenuToken(flow, forge([1, 4, 'main', language, attempts, vars]), 4, key), undefined);
    });
  }
});

describe('menu token: length limits agree', () => {
  // A token issued near the length cap must still be accepted, or the caller would hear the apology.
  it('every token menuToken issues is accepted by fromMenuToken', () => {
    const ids = Object.keys(flow.steps);
    const lengths: number[] = [];
    for (let n = 1; n <= ids.length; n++) {
      for (let tens = 0; tens <= 3; tens++) {
        const attempts = Object.fromEntries(ids.slice(0, n).map((id, i) => [id, i < tens ? 10 : 1]));
        const s = session({ attempts });
        const token = menuToken(flow, s, key);
        if (token === undefined) continue;
        lengths.push(token.length);
        assert.deepEqual(fromMenuToken(flow, token, s.turn, key)?.attempts, attempts, `a token of ${token.length} chars`);
      }
    }
    assert.ok(lengths.some((l) => l > 390), 'long tokens were tried');
  });
});
