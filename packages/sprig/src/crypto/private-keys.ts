/**
 * Private keys the way Sprig writes them: RSA as PKCS#1 (`RSA PRIVATE KEY`), ECDSA as SEC 1
 * (`EC PRIVATE KEY`), DSA as OpenSSL's SEQUENCE{0,p,q,g,y,x} (`DSA PRIVATE KEY`), anything else
 * (ed25519) as PKCS#8 (`PRIVATE KEY`).
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { children, integer, readInteger, sequence } from './der.js';
import { pemDecode, pemEncode } from './pem.js';

export type SprigKeyType = 'rsa' | 'dsa' | 'ecdsa' | 'ed25519';

export function generatePrivateKey(type: SprigKeyType, rsaBits = 4096): KeyObject {
  switch (type) {
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: rsaBits, publicExponent: 0x10001 }).privateKey;
    case 'dsa':
      return generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey;
    case 'ecdsa':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    case 'ed25519':
      return generateKeyPairSync('ed25519').privateKey;
  }
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

/** DSA parameters and key from a PKCS#8 DER export */
function dsaComponents(key: KeyObject): { p: bigint; q: bigint; g: bigint; x: bigint; y: bigint } {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const [, algo, priv] = children(children(der)[0]!.content);
  const params = children(children(algo!.content)[1]!.content);
  const [p, q, g] = params.map(readInteger) as [bigint, bigint, bigint];
  const x = readInteger(children(priv!.content)[0]!);
  return { p, q, g, x, y: modPow(g, x, p) };
}

export function privateKeyPem(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return key.export({ type: 'pkcs1', format: 'pem' }) as string;
    case 'ec':
      return key.export({ type: 'sec1', format: 'pem' }) as string;
    case 'dsa': {
      const { p, q, g, y, x } = dsaComponents(key);
      return pemEncode(
        'DSA PRIVATE KEY',
        sequence(integer(0n), integer(p), integer(q), integer(g), integer(y), integer(x)),
      );
    }
    default:
      return key.export({ type: 'pkcs8', format: 'pem' }) as string;
  }
}

/** Sprig's parsePrivateKeyPEM, with its error texts */
export function parsePrivateKeyPem(text: string): KeyObject {
  const block = pemDecode(text);
  if (!block) throw new Error('no PEM data in input');
  const fromDer = (type: 'pkcs1' | 'sec1' | 'pkcs8', what: string): KeyObject => {
    try {
      return createPrivateKey({ key: block.bytes, format: 'der', type });
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`);
    }
  };
  if (block.type === 'PRIVATE KEY') return fromDer('pkcs8', 'decoding PEM as PKCS#8');
  if (!block.type.endsWith(' PRIVATE KEY')) throw new Error(`no private key data in PEM block of type ${block.type}`);
  switch (block.type.slice(0, -12)) {
    case 'RSA':
      return fromDer('pkcs1', 'parsing RSA private key from PEM');
    case 'EC':
      return fromDer('sec1', 'parsing EC private key from PEM');
    case 'DSA':
      try {
        return createPrivateKey({ key: pemEncode('DSA PRIVATE KEY', block.bytes), format: 'pem' });
      } catch (e) {
        throw new Error(`parsing DSA private key from PEM: ${(e as Error).message}`);
      }
    default:
      throw new Error(`invalid private key type ${block.type}`);
  }
}
