// Fn::Cidr: `[ipBlock, count, cidrBits]` splits a block into `count` subnets of `cidrBits` host bits each, in
// address order, as CloudFormation does (IPv4 and IPv6).

/** The subnets Fn::Cidr returns, or an error message saying why the arguments are invalid. */
export function cidrBlocks(ipBlock: string, count: number, cidrBits: number): string[] | string {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(ipBlock.trim());
  if (!match) return `"${ipBlock}" is not a CIDR block`;
  const isV6 = match[1]!.includes(':');
  const width = isV6 ? 128 : 32;
  const address = isV6 ? parseIpv6(match[1]!) : parseIpv4(match[1]!);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > width) return `"${ipBlock}" is not a CIDR block`;
  if (!Number.isInteger(count) || count < 1 || count > 256) return 'count must be between 1 and 256';
  const newPrefix = width - cidrBits;
  if (!Number.isInteger(cidrBits) || cidrBits < 1 || newPrefix < prefix) {
    return `cidrBits ${cidrBits} does not fit in a /${prefix} block`;
  }
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix))
    return `"${ipBlock}" holds fewer than ${count} /${newPrefix} blocks`;
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  const base = address & ~hostMask;
  const step = 1n << BigInt(cidrBits);
  const blocks: string[] = [];
  for (let index = 0n; index < BigInt(count); index++) {
    const start = base + index * step;
    blocks.push(`${isV6 ? formatIpv6(start) : formatIpv4(start)}/${newPrefix}`);
  }
  return blocks;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** RFC 5952 form: lower case, the longest run of zero groups written `::`. */
function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, index) => Number((value >> BigInt((7 - index) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8;) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
