import { parseTwiml as parseDocument, type TwimlNode } from '../../simulator/twiml-document.js';

export type { TwimlNode };

/**
 * The verbs of a TwiML document, parsed by the same parser `kinline call` uses; throws when it is not
 * well-formed TwiML with a <Response> root (Twilio's error 12100).
 */
export function parseTwiml(xml: string): TwimlNode[] {
  return parseDocument(xml).children;
}
