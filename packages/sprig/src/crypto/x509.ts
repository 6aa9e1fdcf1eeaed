/** X.509 certificate creation following Go's x509.CreateCertificate for the templates Sprig builds. */
import { createHash, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import {
  bitString,
  boolean,
  children,
  directoryString,
  explicit,
  integer,
  nullValue,
  octetString,
  oid,
  sequence,
  set,
  time,
  tlv,
  type Der,
} from './der.js';

export interface CertificateTemplate {
  commonName: string;
  ipAddresses: Uint8Array[];
  dnsNames: string[];
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
  /** subject O= values (Kubernetes reads them as groups); Sprig's functions never set them */
  organizations?: string[];
}

export interface ParentCertificate {
  /** the raw Name TLV of the parent's subject */
  subject: Buffer;
  subjectKeyId?: Buffer;
}

const KEY_USAGE_DIGITAL_SIGNATURE = 1;
const KEY_USAGE_KEY_ENCIPHERMENT = 4;
const KEY_USAGE_CERT_SIGN = 32;

function nameDer(commonName: string, organizations: readonly string[] = []): Der {
  // Go's pkix.Name order: O before CN
  const rdns = organizations.map((o) => set(sequence(oid('2.5.4.10'), directoryString(o))));
  if (commonName !== '') rdns.push(set(sequence(oid('2.5.4.3'), directoryString(commonName))));
  return sequence(...rdns);
}

function reverseBits(b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) if (b & (1 << i)) r |= 1 << (7 - i);
  return r;
}

function keyUsageValue(ku: number): Der {
  const bytes = [reverseBits(ku & 0xff), reverseBits((ku >> 8) & 0xff)];
  const used = bytes[1] !== 0 ? bytes : bytes.slice(0, 1);
  let bitLength = used.length * 8;
  // trailing zero bits are not counted
  for (let i = used.length - 1; i >= 0; i--) {
    const b = used[i]!;
    if (b === 0) {
      bitLength -= 8;
      continue;
    }
    for (let bit = 0; bit < 8; bit++) {
      if (b & (1 << bit)) break;
      bitLength--;
    }
    break;
  }
  return tlv(0x03, Buffer.from([used.length * 8 - bitLength, ...used]));
}

function extension(id: string, critical: boolean, value: Der): Der {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

function signatureAlgorithm(key: KeyObject): { algo: Der; digest: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { algo: sequence(oid('1.2.840.113549.1.1.11'), nullValue()), digest: 'sha256' };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'secp384r1') return { algo: sequence(oid('1.2.840.10045.4.3.3')), digest: 'sha384' };
      if (curve === 'secp521r1') return { algo: sequence(oid('1.2.840.10045.4.3.4')), digest: 'sha512' };
      return { algo: sequence(oid('1.2.840.10045.4.3.2')), digest: 'sha256' };
    }
    case 'ed25519':
      return { algo: sequence(oid('1.3.101.112')), digest: null };
    default:
      throw new Error('x509: certificate private key does not implement crypto.Signer');
  }
}

/** Builds and signs a certificate; `parent` undefined means self-signed. Returns DER. */
export function createCertificate(
  template: CertificateTemplate,
  subjectKey: KeyObject,
  signingKey: KeyObject,
  parent?: ParentCertificate,
): Buffer {
  const publicKey = createPublicKey(subjectKey);
  if (publicKey.asymmetricKeyType === 'dsa') throw new Error('x509: unsupported public key type: *dsa.PublicKey');
  const { algo, digest } = signatureAlgorithm(signingKey);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const subject = nameDer(template.commonName, template.organizations);
  const issuer = parent?.subject ?? subject;

  const serial = BigInt('0x' + randomBytes(16).toString('hex'));
  let ku = KEY_USAGE_DIGITAL_SIGNATURE | KEY_USAGE_KEY_ENCIPHERMENT;
  if (template.isCA) ku |= KEY_USAGE_CERT_SIGN;

  const exts: Der[] = [
    extension('2.5.29.15', true, keyUsageValue(ku)),
    extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    extension('2.5.29.19', true, template.isCA ? sequence(boolean(true)) : sequence()),
  ];
  if (template.isCA) {
    const keyBits = children(children(spki)[0]!.content)[1]!.content.subarray(1);
    exts.push(extension('2.5.29.14', false, octetString(createHash('sha1').update(keyBits).digest())));
  }
  if (parent?.subjectKeyId && !issuer.equals(subject)) {
    exts.push(extension('2.5.29.35', false, sequence(tlv(0x80, parent.subjectKeyId))));
  }
  if (template.dnsNames.length > 0 || template.ipAddresses.length > 0) {
    const names = [
      ...template.dnsNames.map((n) => tlv(0x82, Buffer.from(n, 'utf8'))),
      ...template.ipAddresses.map((ip) => tlv(0x87, ip)),
    ];
    exts.push(extension('2.5.29.17', template.commonName === '', sequence(...names)));
  }

  const tbs = sequence(
    explicit(0, integer(2n)),
    integer(serial),
    algo,
    issuer,
    sequence(time(template.notBefore), time(template.notAfter)),
    subject,
    spki,
    explicit(3, sequence(...exts)),
  );
  const signature = sign(digest, tbs, signingKey);
  return sequence(tbs, algo, bitString(signature));
}

/** Reads what a child certificate needs from its parent's DER. */
export function parseParentCertificate(der: Buffer): ParentCertificate {
  const tbs = children(children(children(der)[0]!.content)[0]!.content);
  let i = 0;
  if (tbs[0]!.tag === 0xa0) i = 1;
  const subject = tbs[i + 4]!.raw;
  let subjectKeyId: Buffer | undefined;
  const extsNode = tbs.find((n) => n.tag === 0xa3);
  if (extsNode) {
    for (const ext of children(children(extsNode.content)[0]!.content)) {
      const parts = children(ext.content);
      if (parts[0]!.content.equals(oid('2.5.29.14').subarray(2))) {
        subjectKeyId = Buffer.from(children(parts[parts.length - 1]!.content)[0]!.content);
      }
    }
  }
  return { subject: Buffer.from(subject), subjectKeyId };
}

/** net.ParseIP, marshalled as Go does in SANs: 4 bytes for IPv4 (incl. v4-mapped), else 16 */
export function parseIp(s: string): Uint8Array | undefined {
  if (isIPv4(s)) {
    if (s.split('.').some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
    return Uint8Array.from(s.split('.').map(Number));
  }
  if (!isIPv6(s) || s.includes('%')) return undefined;
  let head = s;
  let v4: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    v4 = s
      .slice(lastColon + 1)
      .split('.')
      .map(Number);
    head = s.slice(0, lastColon + 1) + '0:0';
  }
  const [l, r] = head.split('::') as [string, string | undefined];
  const left = l === '' ? [] : l.split(':');
  const right = r === undefined ? [] : r === '' ? [] : r.split(':');
  const groups = r === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, k) => {
    const n = parseInt(g, 16);
    bytes[2 * k] = n >> 8;
    bytes[2 * k + 1] = n & 0xff;
  });
  if (v4.length === 4) bytes.set(v4, 12);
  const isV4Mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return isV4Mapped ? bytes.slice(12) : bytes;
}
