/** Sprig's crypto functions: keys, certificates, AES, bcrypt/htpasswd, derivePassword, random values. */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  randomUUID,
  scryptSync,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { argInt, argString } from '../args.js';
import { base64DecodeStrict } from '../go-base-encoding.js';
import { formatValue } from '@helmts/gotemplate';
import { goFunc, type FuncMap } from '../go-func.js';
import { fromUtf8, runtimeError, utf8Bytes } from '../go-strings.js';
import { isGoMap, isNil } from '../go-values.js';
import { pemDecode, pemEncode } from '../crypto/pem.js';
import { generatePrivateKey, parsePrivateKeyPem, privateKeyPem, type SprigKeyType } from '../crypto/private-keys.js';
import { createCertificate, parseIp, parseParentCertificate, type CertificateTemplate } from '../crypto/x509.js';

/** Sprig's `certificate` struct: templates read `.Cert` and `.Key` */
export class SprigCertificate {
  static goTypeName = 'sprig.certificate';
  constructor(
    public Cert: string,
    public Key: string,
  ) {}
}

const CERT = 'sprig.certificate';
const LIST = '[]interface {}';

export function cryptoFunctions(): FuncMap {
  return {
    bcrypt: goFunc('string', (s) => bcrypt(argString(s))),
    htpasswd: goFunc('string, string', (u, p) => {
      const user = argString(u);
      if (user.includes(':')) return `invalid username: ${user}`;
      return `${user}:${bcrypt(argString(p))}`;
    }),
    genPrivateKey: goFunc('string', (t) => {
      const type = argString(t);
      const known: Record<string, SprigKeyType> = {
        '': 'rsa',
        rsa: 'rsa',
        dsa: 'dsa',
        ecdsa: 'ecdsa',
        ed25519: 'ed25519',
      };
      const k = known[type];
      if (!k) return 'Unknown type ' + type;
      return privateKeyPem(generatePrivateKey(k));
    }),
    derivePassword: goFunc('uint32, string, string, string, string', (c, t, p, u, s) =>
      derivePassword(
        Number(BigInt.asUintN(32, typeof c === 'bigint' ? c : BigInt(argInt(c)))),
        argString(t),
        argString(p),
        argString(u),
        argString(s),
      ),
    ),
    buildCustomCert: goFunc('string, string', (c, k) => buildCustomCert(argString(c), argString(k))),
    genCA: goFunc('string, int', (cn, days) => genCA(argString(cn), argInt(days), generatePrivateKey('rsa', 2048))),
    genCAWithKey: goFunc('string, int, string', (cn, days, key) =>
      genCA(argString(cn), argInt(days), parseKeyArg(argString(key))),
    ),
    genSelfSignedCert: goFunc(`string, ${LIST}, ${LIST}, int`, (cn, ips, dns, days) =>
      genSelfSigned(argString(cn), ips, dns, argInt(days), generatePrivateKey('rsa', 2048)),
    ),
    genSelfSignedCertWithKey: goFunc(`string, ${LIST}, ${LIST}, int, string`, (cn, ips, dns, days, key) =>
      genSelfSigned(argString(cn), ips, dns, argInt(days), parseKeyArg(argString(key))),
    ),
    genSignedCert: goFunc(`string, ${LIST}, ${LIST}, int, ${CERT}`, (cn, ips, dns, days, ca) =>
      genSigned(argString(cn), ips, dns, argInt(days), ca, generatePrivateKey('rsa', 2048)),
    ),
    genSignedCertWithKey: goFunc(`string, ${LIST}, ${LIST}, int, ${CERT}, string`, (cn, ips, dns, days, ca, key) =>
      genSigned(argString(cn), ips, dns, argInt(days), ca, parseKeyArg(argString(key))),
    ),
    encryptAES: goFunc('string, string', (p, t) => encryptAES(argString(p), argString(t))),
    decryptAES: goFunc('string, string', (p, t) => decryptAES(argString(p), argString(t))),
    randBytes: goFunc('int', (n) => {
      const count = argInt(n);
      if (count < 0) throw runtimeError('makeslice: len out of range');
      return randomBytes(count).toString('base64');
    }),
    uuidv4: goFunc('', () => randomUUID()),
  };
}

function bcrypt(input: string): string {
  if (utf8Bytes(input).length > 72)
    return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  // Go's x/crypto/bcrypt writes the $2a$ prefix; the hash itself is the same
  return bcryptjs.hashSync(input, 10).replace(/^\$2b\$/, '$2a$');
}

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';
const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

/** The Master Password algorithm (scrypt N=32768 r=8 p=2, then HMAC-SHA256 seed into a template) */
function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES[type];
  if (!templates) return `cannot find password template ${type}`;
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return b;
  };
  const userBytes = utf8Bytes(user);
  const salt = Buffer.concat([Buffer.from(MASTER_PASSWORD_SEED), u32(userBytes.length), userBytes]);
  const key = scryptSync(utf8Bytes(password), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const siteBytes = utf8Bytes(site);
  const seed = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(MASTER_PASSWORD_SEED), u32(siteBytes.length), siteBytes, u32(counter)]))
    .digest();
  const template = templates[seed[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = TEMPLATE_CHARACTERS[template[i]!]!;
    out += chars[seed[i + 1]! % chars.length];
  }
  return out;
}

function parseKeyArg(pem: string): KeyObject {
  try {
    return parsePrivateKeyPem(pem);
  } catch (e) {
    throw new Error(`parsing private key: ${(e as Error).message}`);
  }
}

function baseTemplate(cn: string, ips: unknown, dns: unknown, days: number, isCA: boolean): CertificateTemplate {
  const ipAddresses: Uint8Array[] = [];
  for (const ip of listArg(ips)) {
    if (typeof ip !== 'string') throw new Error(`error parsing ip: ${formatValue(ip)} is not a string`);
    const parsed = parseIp(ip);
    if (!parsed) throw new Error(`error parsing ip: ${ip}`);
    ipAddresses.push(parsed);
  }
  const dnsNames: string[] = [];
  for (const name of listArg(dns)) {
    if (typeof name !== 'string')
      throw new Error(`error processing alternate dns name: ${formatValue(name)} is not a string`);
    dnsNames.push(name);
  }
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  return {
    commonName: cn,
    ipAddresses,
    dnsNames,
    notBefore: now,
    notAfter: new Date(now.getTime() + days * 86400_000),
    isCA,
  };
}

function listArg(v: unknown): unknown[] {
  if (isNil(v)) return [];
  if (Array.isArray(v)) return v;
  throw new Error(`wrong type for value; expected []interface {}; got ${formatValue(v)}`);
}

function certificateFor(
  template: CertificateTemplate,
  key: KeyObject,
  signer: KeyObject,
  parentDer?: Buffer,
): SprigCertificate {
  let der: Buffer;
  try {
    der = createCertificate(template, key, signer, parentDer ? parseParentCertificate(parentDer) : undefined);
  } catch (e) {
    throw new Error(`error creating certificate: ${(e as Error).message}`);
  }
  return new SprigCertificate(pemEncode('CERTIFICATE', der), privateKeyPem(key));
}

function genCA(cn: string, days: number, key: KeyObject): SprigCertificate {
  return certificateFor(baseTemplate(cn, [], [], days, true), key, key);
}

function genSelfSigned(cn: string, ips: unknown, dns: unknown, days: number, key: KeyObject): SprigCertificate {
  return certificateFor(baseTemplate(cn, ips, dns, days, false), key, key);
}

function genSigned(
  cn: string,
  ips: unknown,
  dns: unknown,
  days: number,
  ca: unknown,
  key: KeyObject,
): SprigCertificate {
  const caCert =
    ca instanceof SprigCertificate
      ? ca
      : isGoMap(ca)
        ? new SprigCertificate(String(ca.Cert ?? ''), String(ca.Key ?? ''))
        : new SprigCertificate('', '');
  const block = pemDecode(caCert.Cert);
  if (!block) throw new Error('unable to decode certificate');
  try {
    new X509Certificate(block.bytes);
  } catch (e) {
    throw new Error(`error parsing certificate: decodedSignerCert.Bytes: ${(e as Error).message}`);
  }
  let signer: KeyObject;
  try {
    signer = parsePrivateKeyPem(caCert.Key);
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  const template = baseTemplate(cn, ips, dns, days, false);
  return certificateFor(template, key, signer, block.bytes);
}

function buildCustomCert(b64cert: string, b64key: string): SprigCertificate {
  let cert: Buffer;
  let key: Buffer;
  try {
    cert = base64DecodeStrict(b64cert);
  } catch {
    throw new Error('unable to decode base64 certificate');
  }
  try {
    key = base64DecodeStrict(b64key);
  } catch {
    throw new Error('unable to decode base64 private key');
  }
  const block = pemDecode(cert.toString('utf8'));
  if (!block) throw new Error('unable to decode certificate');
  try {
    new X509Certificate(block.bytes);
  } catch (e) {
    throw new Error(`error parsing certificate: decodedCert.Bytes: ${(e as Error).message}`);
  }
  try {
    parsePrivateKeyPem(key.toString('utf8'));
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return new SprigCertificate(fromUtf8(cert), fromUtf8(key));
}

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  utf8Bytes(password).copy(key, 0, 0, 32);
  return key;
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
  return Buffer.concat([iv, cipher.update(utf8Bytes(plaintext)), cipher.final()]).toString('base64');
}

function decryptAES(password: string, b64: string): string {
  if (b64 === '') return '';
  const crypt = base64DecodeStrict(b64);
  if (crypt.length < 16) throw runtimeError(`slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  if (body.length === 0) throw runtimeError('index out of range [-1]');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  const cut = plain.length - plain[plain.length - 1]!;
  if (cut < 0) throw runtimeError(`slice bounds out of range [:${cut}]`);
  return fromUtf8(plain.subarray(0, cut));
}
