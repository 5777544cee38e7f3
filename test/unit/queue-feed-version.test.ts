import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { queueVersion, type QueueSnapshot } from '../../src/calls/queue-feed.js';
import type { TodaysFigures } from '../../src/calls/todays-figures.js';

const figures: TodaysFigures = {
  calls: 0,
  answered: 0,
  answerRate: null,
  averageDurationSeconds: null,
  backlog: 0,
  timeToCallbackHours: null,
  lockouts: 0,
  belowContactFloor: 0,
  lateReviews: 0,
  stuckCalls: 0,
  callersWaiting: 1,
  longestWaitSeconds: 12,
  longestWaitSince: '2026-06-01T09:00:00.000Z',
  serviceLevel: null,
  abandonedInQueue: 0,
  averageWaitSeconds: null,
  callbacksDue: 0,
  callbacksOverdue: 0,
  callsPerOperator: [],
};
const snap = (f: Partial<TodaysFigures>): QueueSnapshot => ({ items: [], desk: 'd', figures: { ...figures, ...f } });

describe("the supervisors' live queue: when it is pushed again", () => {
  it('a figure that moved alone (an Enqueue result logged after the desk let the caller go) is pushed', { timeout: 5_000 }, () => {
    assert.notEqual(queueVersion(snap({ serviceLevel: 1, averageWaitSeconds: 8 })), queueVersion(snap({})));
    assert.notEqual(queueVersion(snap({ abandonedInQueue: 1 })), queueVersion(snap({})));
  });

  it('the longest wait counting up is not a change: the page counts it itself', { timeout: 5_000 }, () => {
    assert.equal(queueVersion(snap({ longestWaitSeconds: 13 })), queueVersion(snap({})));
  });
});
