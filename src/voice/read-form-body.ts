import type { IncomingMessage } from 'node:http';

export type FormParams = Record<string, string | string[]>;

/** Why a body was refused; `status` is what the caller gets (with TwiML, pitfall 18). */
export class BodyError extends Error {
  constructor(
    readonly status: 413 | 400,
    message: string,
  ) {
    super(message);
  }
}

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/**
 * The urlencoded body of a Twilio webhook as Express's urlencoded({ extended: false }) would give it
 * (repeated keys become arrays, "+" is a space), without the Express stack: this runs on every webhook.
 * The size limit is enforced on Content-Length before reading and on the bytes as they arrive. A body of
 * another type reads as no parameters, which then fail the signature check.
 */
export function readFormBody(req: IncomingMessage, limitBytes: number, maxParams: number): Promise<FormParams> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      req.resume();
      reject(new BodyError(413, 'request entity too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limitBytes) {
        failed = true;
        reject(new BodyError(413, 'request entity too large'));
        return;
      }
      chunks.push(c);
    });
    req.on('error', (e) => {
      if (!failed) reject(new BodyError(400, e.message));
      failed = true;
    });
    // A client that goes away mid-body: settle, so no request waits for ever.
    let ended = false;
    req.on('close', () => {
      if (!ended && !failed) reject(new BodyError(400, 'the request was aborted'));
      failed = true;
    });
    req.on('end', () => {
      ended = true;
      if (failed) return;
      if (!FORM.test(req.headers['content-type'] ?? '')) return resolve(Object.create(null) as FormParams);
      const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
      const out = Object.create(null) as FormParams;
      let n = 0;
      for (const [k, v] of new URLSearchParams(text)) {
        if (++n > maxParams) return reject(new BodyError(413, 'too many parameters'));
        const had = out[k];
        if (had === undefined) out[k] = v;
        else if (Array.isArray(had)) had.push(v);
        else out[k] = [had, v];
      }
      resolve(out);
    });
  });
}
