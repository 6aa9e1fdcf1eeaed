/** encoding/pem: Encode (64-column base64 lines) and Decode of the first block. */

export function pemEncode(type: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.map((l) => l + '\n').join('')}-----END ${type}-----\n`;
}

export interface PemBlock {
  type: string;
  bytes: Buffer;
}

export function pemDecode(text: string): PemBlock | undefined {
  const m = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  const body = m[2]!
    .split(/\r?\n/)
    .filter((l) => !l.includes(':'))
    .join('');
  if (!/^[A-Za-z0-9+/=\s]*$/.test(body)) return undefined;
  return { type: m[1]!, bytes: Buffer.from(body, 'base64') };
}
