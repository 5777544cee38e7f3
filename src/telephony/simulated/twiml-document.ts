import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One TwiML verb or noun: name, attributes, text and children, in document order. */
export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: TwimlNode[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type Raw = Record<string, unknown>;

function toNode(raw: Raw): TwimlNode | undefined {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name || name === '#text') return undefined;
  const attrs = Object.fromEntries(Object.entries((raw[':@'] as Record<string, unknown>) ?? {}).map(([k, v]) => [k, String(v)]));
  const body = (raw[name] as Raw[]) ?? [];
  const children = body.map(toNode).filter((n): n is TwimlNode => !!n);
  const text = body
    .map((b) => (b['#text'] !== undefined ? String(b['#text']) : b[Object.keys(b)[0]] ? textOf(b) : ''))
    .join(' ')
    .trim();
  return { name, attrs, text, children };
}

function textOf(raw: Raw): string {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name) return '';
  if (name === '#text') return String(raw[name]);
  return ((raw[name] as Raw[]) ?? []).map(textOf).join(' ').trim();
}

/** Parses a TwiML document; throws when it is not well-formed XML with a <Response> root. */
export function parseTwiml(xml: string): TwimlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const roots = (parser.parse(xml) as Raw[]).map(toNode).filter((n): n is TwimlNode => !!n && n.name !== '?xml');
  const response = roots.find((n) => n.name === 'Response');
  if (!response) throw new Error('TwiML has no <Response> root');
  return response;
}
