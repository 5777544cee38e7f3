import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMenuReplies, type MenuReply } from '../../src/hotline/menu-replies.js';
import type { VoiceParams } from '../../src/hotline/voice-params.js';

const sid = (n: number) => `CA${n.toString(16).padStart(32, '0')}`;
const params = (digits?: string, extra: Partial<VoiceParams> = {}): VoiceParams => ({ CallSid: sid(1), ...(digits === undefined ? {} : { Digits: digits }), ...extra });
let counter = 0;
const reply = (label = `r${++counter}`): MenuReply => ({ twiml: `<Response><Say>${label}</Say></Response>`, language: 'ru', entries: [{ step: label }] });

describe('menu replies: get and set', () => {
  it('gives back what was set for the same turn, token and key, for any call', () => {
    const m = createMenuReplies();
    const r = reply();
    assert.equal(m.get(3, 'tok.en', params('1')), undefined);
    m.set(3, 'tok.en', params('1'), r);
    assert.equal(m.get(3, 'tok.en', params('1')), r);
    assert.equal(m.get(3, 'tok.en', params('1', { CallSid: sid(2), From: '+380501112233' })), r, 'another caller pressing the same key');
    assert.equal(m.size, 1);
  });
  it('turn 0 (no token) is stored under its own key', () => {
    const m = createMenuReplies();
    const r = reply();
    m.set(0, undefined, params(), r);
    assert.equal(m.get(0, undefined, params()), r);
    assert.equal(m.get(1, undefined, params()), undefined);
  });
  it('never stores input with a RecordingSid', () => {
    const m = createMenuReplies();
    m.set(2, 't', params(undefined, { RecordingSid: 'RE1' }), reply());
    m.set(2, 't', params('1', { RecordingSid: 'RE1' }), reply());
    assert.equal(m.size, 0);
    // Nor is a stored answer given to a request that carries one.
    const r = reply();
    m.set(2, 't', params('1'), r);
    assert.equal(m.get(2, 't', params('1')), r);
    assert.equal(m.get(2, 't', params('1', { RecordingSid: 'RE1' })), undefined);
  });
  it('never stores more than 2 keyed digits', () => {
    const m = createMenuReplies();
    for (const d of ['123', '7081396985', '1234#', '#'.repeat(64)]) {
      m.set(2, 't', params(d), reply());
      assert.equal(m.get(2, 't', params(d)), undefined, d);
    }
    assert.equal(m.size, 0);
    for (const d of ['', '1', '12', '1#']) {
      const r = reply();
      m.set(2, 't', params(d), r);
      assert.equal(m.get(2, 't', params(d)), r, JSON.stringify(d));
    }
    assert.equal(m.size, 4);
  });
});

describe('menu replies: keys do not collide', () => {
  it('different tokens, turns and digits are different entries', () => {
    const m = createMenuReplies();
    const cases: Array<[number, string | undefined, string | undefined]> = [];
    for (const turn of [0, 1, 2, 11]) for (const token of [undefined, 'aaa.bbb', 'aaa.bbc', 'b']) for (const d of [undefined, '1', '11', '2', '#']) cases.push([turn, token, d]);
    const stored = new Map<string, MenuReply>();
    for (const [turn, token, d] of cases) {
      const r = reply(`${turn}|${token}|${d}`);
      m.set(turn, token, params(d), r);
      stored.set(JSON.stringify([turn, token, d]), r);
    }
    assert.equal(m.size, cases.length);
    for (const [turn, token, d] of cases) assert.equal(m.get(turn, token, params(d)), stored.get(JSON.stringify([turn, token, d])), `${turn} ${token} ${d}`);
    // Digits undefined and '' are the same input for the engine (inputFromParams: empty), so they share an entry.
    assert.equal(m.get(2, 'b', params('')), stored.get(JSON.stringify([2, 'b', undefined])));
  });
  it('turn and token boundaries: turn 1 + token "1x" is not turn 11 + token "x"', () => {
    const m = createMenuReplies();
    const a = reply();
    m.set(1, '1x', params('1'), a);
    assert.equal(m.get(11, 'x', params('1')), undefined);
    assert.equal(m.get(1, '1x', params('1')), a);
  });
  it('token and digits boundaries with tokens as the routes produce them (no "/")', () => {
    // voice-routes.ts takes the token from a path segment matched by [^/]+ and Twilio's Digits are 0-9 * #.
    const m = createMenuReplies();
    const a = reply();
    m.set(4, 'abc.def', params('12'), a);
    assert.equal(m.get(4, 'abc.def1', params('2')), undefined);
    assert.equal(m.get(4, 'abc.de', params('f12')), undefined);
    assert.equal(m.get(4, 'abc.def', params('12')), a);
  });
  // Two different (token, digits) pairs must never share an entry, whatever characters they hold.
  it('a token holding "/" does not collide with digits holding "/"', () => {
    const m = createMenuReplies();
    const a = reply('a');
    m.set(5, 'a/b', params(''), a);
    assert.equal(m.get(5, 'a', params('b/')), undefined);
  });
  it('an undefined token does not collide with an empty one', () => {
    const m = createMenuReplies();
    m.set(5, undefined, params('1'), reply());
    assert.equal(m.get(5, '', params('1')), undefined);
  });
});

describe('menu replies: bounded', () => {
  it('at the cap the oldest entries go and the newest stay', () => {
    const cap = 5;
    const m = createMenuReplies(cap);
    const rs = Array.from({ length: 12 }, (_, i) => reply(`n${i}`));
    rs.forEach((r, i) => m.set(1, `t${i}`, params('1'), r));
    assert.equal(m.size, cap);
    for (let i = 0; i < rs.length; i++) {
      const got = m.get(1, `t${i}`, params('1'));
      if (i < rs.length - cap) assert.equal(got, undefined, `t${i} was evicted`);
      else assert.equal(got, rs[i], `t${i} is kept`);
    }
  });
  it('inputs that are not stored do not evict anything', () => {
    const m = createMenuReplies(2);
    const a = reply();
    const b = reply();
    m.set(1, 'a', params('1'), a);
    m.set(1, 'b', params('1'), b);
    m.set(1, 'c', params('123'), reply());
    m.set(1, 'c', params('1', { RecordingSid: 'RE1' }), reply());
    assert.equal(m.get(1, 'a', params('1')), a);
    assert.equal(m.get(1, 'b', params('1')), b);
  });
  it('setting an entry already stored at the cap evicts nothing else', () => {
    const m = createMenuReplies(2);
    const a = reply();
    const b = reply();
    m.set(1, 'a', params('1'), a);
    m.set(1, 'b', params('1'), b);
    m.set(1, 'b', params('1'), b);
    assert.equal(m.get(1, 'a', params('1')), a);
    assert.equal(m.size, 2);
  });
});
