// SNS subscription filter policies, matched as SNS does: every key of the policy must match (AND), any condition
// of a key's list may (OR); `$or` alternatives; conditions are exact strings or numbers, prefix, suffix,
// equals-ignore-case, anything-but (values or a prefix), numeric ranges and exists. The policy applies to the
// message attributes (FilterPolicyScope MessageAttributes, the default) or to the JSON message body
// (MessageBody, nested keys as nested objects).

type Condition = string | number | boolean | null | Record<string, unknown>;

/** A message attribute as SNS knows it. */
export interface FilterAttribute {
  DataType: string;
  StringValue?: string;
}

/** True when the message passes the policy. */
export function matchesFilterPolicy(
  policy: Record<string, unknown>,
  scope: 'MessageAttributes' | 'MessageBody',
  message: string,
  attributes: Record<string, FilterAttribute>,
): boolean {
  if (scope === 'MessageBody') {
    let body: unknown;
    try {
      body = JSON.parse(message);
    } catch {
      return false;
    }
    return matchesObject(policy, body);
  }
  const values: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) values[name] = attributeValue(attribute);
  return matchesObject(policy, values, true);
}

function attributeValue(attribute: FilterAttribute): unknown {
  const text = attribute.StringValue;
  if (text === undefined) return undefined;
  if (attribute.DataType.startsWith('Number')) return Number(text);
  if (attribute.DataType === 'String.Array') {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : text;
    } catch {
      return text;
    }
  }
  return text;
}

function matchesObject(policy: Record<string, unknown>, value: unknown, flat = false): boolean {
  const record =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return Object.entries(policy).every(([key, rule]) => {
    if (key === '$or' && Array.isArray(rule)) {
      return rule.some((alternative) => matchesObject(alternative as Record<string, unknown>, value, flat));
    }
    const present = Object.prototype.hasOwnProperty.call(record, key);
    const field = record[key];
    if (Array.isArray(rule)) return rule.some((condition) => matchesCondition(condition as Condition, present, field));
    if (!flat && rule !== null && typeof rule === 'object')
      return present && matchesObject(rule as Record<string, unknown>, field);
    return false;
  });
}

function matchesCondition(condition: Condition, present: boolean, field: unknown): boolean {
  if (condition !== null && typeof condition === 'object') {
    if ('exists' in condition) return condition.exists === present;
    if (!present) return false;
    const values = Array.isArray(field) ? field : [field];
    return values.some((value) => matchesOperator(condition, value));
  }
  if (!present) return false;
  const values = Array.isArray(field) ? field : [field];
  return values.some(
    (value) =>
      value === condition ||
      (typeof condition === 'number' && Number(value) === condition && typeof value !== 'boolean'),
  );
}

function matchesOperator(condition: Record<string, unknown>, value: unknown): boolean {
  if ('prefix' in condition) return typeof value === 'string' && value.startsWith(String(condition.prefix));
  if ('suffix' in condition) return typeof value === 'string' && value.endsWith(String(condition.suffix));
  if ('equals-ignore-case' in condition) {
    return typeof value === 'string' && value.toLowerCase() === String(condition['equals-ignore-case']).toLowerCase();
  }
  if ('anything-but' in condition) {
    const excluded = condition['anything-but'];
    if (excluded !== null && typeof excluded === 'object' && !Array.isArray(excluded)) {
      const prefix = (excluded as { prefix?: unknown }).prefix;
      return !(typeof value === 'string' && typeof prefix === 'string' && value.startsWith(prefix));
    }
    const list = Array.isArray(excluded) ? excluded : [excluded];
    return !list.some((item) => item === value || (typeof item === 'number' && Number(value) === item));
  }
  if ('numeric' in condition && Array.isArray(condition.numeric)) {
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) return false;
    const terms = condition.numeric as unknown[];
    for (let index = 0; index + 1 < terms.length; index += 2) {
      const operand = Number(terms[index + 1]);
      const ok =
        terms[index] === '='
          ? number === operand
          : terms[index] === '<'
            ? number < operand
            : terms[index] === '<='
              ? number <= operand
              : terms[index] === '>'
                ? number > operand
                : terms[index] === '>='
                  ? number >= operand
                  : false;
      if (!ok) return false;
    }
    return true;
  }
  return false;
}
