import type { Socket } from 'node:net';
import { Redis } from 'ioredis';

/**
 * A Redis client whose commands issued in one event-loop turn leave in one socket write: the first command of
 * a turn corks the socket, and the turn's end (setImmediate, after the I/O callbacks that issued them)
 * uncorks it, so Node writes the whole turn with one writev and Redis reads it with one read.
 *
 * ioredis's own enableAutoPipelining gets the same single write, but builds a Pipeline object per batch that
 * copies every defined script onto itself, plus its promise chain. At 1,000 webhooks a second those outlived
 * the young generation often enough to force a full garbage collection every few seconds, each a 3-9 ms
 * pause, which was most of the p99. Corking allocates nothing per batch.
 *
 * Every cork() is paired with exactly one uncork() of the same socket, so a reconnect in the middle of a turn
 * (a new socket) cannot leave either one corked. Commands still corked when their socket drops never reached
 * Redis, so ioredis's resend after the reconnect runs them once, not twice. Commands given an explicit stream
 * (MULTI, pipelines) are written by ioredis as before, into the same corked socket, in order.
 */
export class TurnBatchedRedis extends Redis {
  private corked: Socket | undefined;

  override sendCommand(...args: Parameters<Redis['sendCommand']>): unknown {
    const socket = (this as unknown as { stream?: Socket }).stream;
    if (!args[1] && socket && this.corked !== socket && this.status === 'ready') {
      this.corked = socket;
      socket.cork();
      setImmediate(() => {
        if (this.corked === socket) this.corked = undefined;
        socket.uncork();
      });
    }
    return super.sendCommand(...args);
  }
}
