// CloudWatch Logs transformers: a list of processors applied to a log event, as TestTransformer shows them. The
// common processors (parseJSON, parseKeyValue, addKeys, deleteKeys, renameKeys, moveKeys, copyValue, lower/upper
// case, trimString, substituteString, splitString, typeConverter); others leave the event as it is.
// Pure: no I/O.

type Processor = Record<string, Record<string, unknown> | undefined>;
type Entry = Record<string, unknown>;

/** Applies the processors to one message; undefined when no processor could read it. */
export function transformLogEvent(processors: Processor[], message: string): string | undefined {
  let document: Record<string, unknown> | undefined;
  for (const processor of processors) {
    for (const [name, settings] of Object.entries(processor)) {
      if (!settings) continue;
      if (name === 'parseJSON') {
        document = parseJson(message, document, settings);
        continue;
      }
      if (name === 'parseKeyValue') {
        document = { ...document, ...parseKeyValue(message, settings) };
        continue;
      }
      if (!document) continue;
      applyProcessor(name, settings, document);
    }
  }
  return document === undefined ? undefined : JSON.stringify(document);
}

function parseJson(message: string, document: Record<string, unknown> | undefined, settings: Entry) {
  try {
    const parsed = JSON.parse(message) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return document;
    const destination = settings['destination'];
    return typeof destination === 'string' && destination !== ''
      ? { ...document, [destination]: parsed }
      : { ...document, ...(parsed as Record<string, unknown>) };
  } catch {
    return document;
  }
}

function parseKeyValue(message: string, settings: Entry): Record<string, unknown> {
  const fieldDelimiter = typeof settings['fieldDelimiter'] === 'string' ? settings['fieldDelimiter'] : '&';
  const keyValueDelimiter = typeof settings['keyValueDelimiter'] === 'string' ? settings['keyValueDelimiter'] : '=';
  const prefix = typeof settings['keyPrefix'] === 'string' ? settings['keyPrefix'] : '';
  const result: Record<string, unknown> = {};
  for (const pair of message.split(fieldDelimiter)) {
    const at = pair.indexOf(keyValueDelimiter);
    if (at <= 0) continue;
    result[prefix + pair.slice(0, at).trim()] = pair.slice(at + keyValueDelimiter.length).trim();
  }
  return result;
}

function applyProcessor(name: string, settings: Entry, document: Record<string, unknown>): void {
  const entries = (Array.isArray(settings['entries']) ? settings['entries'] : []) as Entry[];
  const keys = (Array.isArray(settings['withKeys']) ? settings['withKeys'] : []) as string[];
  const setValue = (key: string, value: unknown, overwrite: unknown) => {
    if (overwrite === true || !(key in document)) document[key] = value;
  };
  const mapStrings = (change: (text: string) => string) => {
    for (const key of keys) if (typeof document[key] === 'string') document[key] = change(document[key]);
  };
  switch (name) {
    case 'addKeys':
      for (const entry of entries) setValue(String(entry['key']), entry['value'], entry['overwriteIfExists']);
      break;
    case 'deleteKeys':
      for (const key of keys) delete document[key];
      break;
    case 'renameKeys':
    case 'moveKeys':
    case 'copyValue':
      for (const entry of entries) {
        const from = String(entry[name === 'renameKeys' ? 'key' : 'source']);
        const to = String(entry[name === 'renameKeys' ? 'renameTo' : 'target']);
        if (!(from in document)) continue;
        setValue(to, document[from], entry['overwriteIfExists']);
        if (name !== 'copyValue' && to !== from && document[to] === document[from]) delete document[from];
      }
      break;
    case 'lowerCaseString':
      mapStrings((text) => text.toLowerCase());
      break;
    case 'upperCaseString':
      mapStrings((text) => text.toUpperCase());
      break;
    case 'trimString':
      mapStrings((text) => text.trim());
      break;
    case 'substituteString':
      for (const entry of entries) {
        const source = String(entry['source']);
        if (typeof document[source] === 'string') {
          document[source] = document[source].replace(new RegExp(String(entry['from']), 'g'), String(entry['to']));
        }
      }
      break;
    case 'splitString':
      for (const entry of entries) {
        const source = String(entry['source']);
        if (typeof document[source] === 'string') document[source] = document[source].split(String(entry['delimiter']));
      }
      break;
    case 'typeConverter':
      for (const entry of entries) {
        const key = String(entry['key']);
        if (key in document) document[key] = converted(document[key], String(entry['type']));
      }
      break;
    default:
      break;
  }
}

function converted(value: unknown, type: string): unknown {
  switch (type) {
    case 'integer':
      return Number.parseInt(String(value), 10);
    case 'double':
      return Number.parseFloat(String(value));
    case 'boolean':
      return String(value).toLowerCase() === 'true';
    default:
      return String(value);
  }
}
