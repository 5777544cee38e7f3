import { XMLParser } from 'fast-xml-parser';

export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: TwimlNode[];
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, trimValues: true });

type Raw = Record<string, unknown> & { ':@'?: Record<string, string> };

function toNode(raw: Raw): TwimlNode | undefined {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name || name === '?xml') return undefined;
  if (name === '#text') return { name, attrs: {}, text: String(raw[name]), children: [] };
  const kids = (raw[name] as Raw[]).map(toNode).filter((n): n is TwimlNode => !!n);
  return {
    name,
    attrs: raw[':@'] ?? {},
    text: kids.filter((k) => k.name === '#text').map((k) => k.text).join(''),
    children: kids.filter((k) => k.name !== '#text'),
  };
}

/** Parses a TwiML document into its verbs; throws when it is not a <Response> (Twilio's error 12100). */
export function parseTwiml(xml: string): TwimlNode[] {
  const doc = (parser.parse(xml) as Raw[]).map(toNode).filter((n): n is TwimlNode => !!n);
  const response = doc.find((n) => n.name === 'Response');
  if (!response) throw new Error('document is not TwiML: no <Response>');
  return response.children;
}
