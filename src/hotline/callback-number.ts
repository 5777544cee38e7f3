/** The caller's number when it is a dialable E.164 number (not "anonymous" or a withheld ID), else null. */
export function callbackNumber(from: string | undefined): string | null {
  return from && /^\+[1-9]\d{6,14}$/.test(from) ? from : null;
}
