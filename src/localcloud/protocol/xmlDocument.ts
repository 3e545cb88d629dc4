// A small XML reader for request bodies (S3's restXml documents): elements, attributes, text, CDATA, comments and
// the XML declaration. No DTDs and no entities beyond XML's five and character references, so a document cannot
// expand itself or reach files; anything else is malformed.

/** One element: its local name (namespace prefix dropped), attributes as written, child elements and text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Thrown for text that is not a well-formed document; protocols turn it into their MalformedXML error. */
export class MalformedXmlError extends Error {}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses a document and returns its root element. */
export function parseXml(text: string): XmlElement {
  const reader = new XmlReader(text);
  reader.skipMisc();
  const root = reader.element();
  reader.skipMisc();
  if (!reader.atEnd()) throw new MalformedXmlError('content after the root element');
  return root;
}

/** Child elements of an element with a local name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

class XmlReader {
  private offset = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.offset = 1;
  }

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  /** Whitespace, comments, processing instructions (the declaration) between elements. */
  skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith('<?', this.offset)) this.skipPast('?>');
      else if (this.text.startsWith('<!--', this.offset)) this.skipPast('-->');
      else if (this.text.startsWith('<!', this.offset)) throw new MalformedXmlError('DTDs are not accepted');
      else return;
    }
  }

  element(): XmlElement {
    if (this.text[this.offset] !== '<') throw new MalformedXmlError('expected an element');
    this.offset++;
    const qualified = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      ATTRIBUTE.lastIndex = this.offset;
      const attribute = ATTRIBUTE.exec(this.text);
      if (!attribute) break;
      attributes[attribute[1]!] = decodeText(attribute[3] ?? attribute[4] ?? '');
      this.offset = ATTRIBUTE.lastIndex;
    }
    this.skipSpace();
    const element: XmlElement = { name: localName(qualified), attributes, children: [], text: '' };
    if (this.text.startsWith('/>', this.offset)) {
      this.offset += 2;
      return element;
    }
    if (this.text[this.offset] !== '>') throw new MalformedXmlError(`unterminated start tag <${qualified}>`);
    this.offset++;
    this.content(element, qualified);
    return element;
  }

  private content(element: XmlElement, qualified: string): void {
    let text = '';
    for (;;) {
      const next = this.text.indexOf('<', this.offset);
      if (next < 0) throw new MalformedXmlError(`<${qualified}> is not closed`);
      text += decodeText(this.text.slice(this.offset, next));
      this.offset = next;
      if (this.text.startsWith('</', this.offset)) {
        this.offset += 2;
        if (this.name() !== qualified) throw new MalformedXmlError(`<${qualified}> is closed by another tag`);
        this.skipSpace();
        if (this.text[this.offset] !== '>') throw new MalformedXmlError('unterminated end tag');
        this.offset++;
        element.text = text;
        return;
      }
      if (this.text.startsWith('<![CDATA[', this.offset)) {
        const end = this.text.indexOf(']]>', this.offset);
        if (end < 0) throw new MalformedXmlError('unterminated CDATA section');
        text += this.text.slice(this.offset + 9, end);
        this.offset = end + 3;
      } else if (this.text.startsWith('<!--', this.offset)) {
        this.skipPast('-->');
      } else if (this.text.startsWith('<?', this.offset)) {
        this.skipPast('?>');
      } else {
        element.children.push(this.element());
      }
    }
  }

  private name(): string {
    NAME.lastIndex = this.offset;
    const match = NAME.exec(this.text);
    if (!match) throw new MalformedXmlError('expected a name');
    this.offset = NAME.lastIndex;
    return match[0];
  }

  private skipSpace(): void {
    while (this.offset < this.text.length && /\s/.test(this.text[this.offset]!)) this.offset++;
  }

  private skipPast(terminator: string): void {
    const end = this.text.indexOf(terminator, this.offset);
    if (end < 0) throw new MalformedXmlError(`expected ${terminator}`);
    this.offset = end + terminator.length;
  }
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Resolves XML's five entities and character references; any other `&` is malformed. */
function decodeText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (match, entity: string) => {
    if (!match.endsWith(';')) throw new MalformedXmlError('a bare & in text');
    const named = ENTITIES[entity];
    if (named !== undefined) return named;
    const code = entity.startsWith('#x')
      ? Number.parseInt(entity.slice(2), 16)
      : entity.startsWith('#')
        ? Number(entity.slice(1))
        : Number.NaN;
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff)
      throw new MalformedXmlError(`unknown entity &${entity};`);
    return String.fromCodePoint(code);
  });
}
