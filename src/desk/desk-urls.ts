/**
 * The URLs of an operator's desk call, built from PUBLIC_BASE_URL (twilio-notes TW-01, TW-34). Only the
 * operator's user id goes in a path, never a phone number (twilio-notes TW-35).
 */
export function deskUrls(base: string, userId: number) {
  const at = `${base}/voice/desk/operator/${userId}`;
  return {
    /** The operator answered: the whisper. */
    answer: at,
    /** The whisper's Gather: 1 takes the caller. */
    take: `${at}/take`,
    /** The Dial Queue's url: the caller is about to be bridged to this operator. */
    bridged: `${at}/bridged`,
    /** The Dial's action: the bridged call is over. */
    dialEnd: `${at}/dial-end`,
    /** The operator leg's status callback. */
    status: `${at}/status`,
  };
}
