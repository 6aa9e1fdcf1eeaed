// Certificates for the TLS tests, made with the X.509 builder @helmts/sprig exports.
import {
  createCertificate,
  generatePrivateKey,
  parseParentCertificate,
  pemEncode,
  privateKeyPem,
} from '@helmts/sprig/x509-builder';

export interface TestPki {
  ca: Buffer;
  serverCert: Buffer;
  serverKey: Buffer;
  client(cn: string, groups?: string[]): { cert: Buffer; key: Buffer };
}

export function testPki(name = 'test-ca'): TestPki {
  const now = new Date(Date.now() - 60_000);
  const notAfter = new Date(now.getTime() + 86_400_000);
  const caKey = generatePrivateKey('ecdsa');
  const caDer = createCertificate(
    { commonName: name, ipAddresses: [], dnsNames: [], notBefore: now, notAfter, isCA: true },
    caKey,
    caKey,
  );
  const parent = parseParentCertificate(caDer);
  const serverKey = generatePrivateKey('ecdsa');
  const serverDer = createCertificate(
    {
      commonName: 'tiller',
      ipAddresses: [Uint8Array.from([127, 0, 0, 1])],
      dnsNames: ['localhost'],
      notBefore: now,
      notAfter,
      isCA: false,
    },
    serverKey,
    caKey,
    parent,
  );
  return {
    ca: Buffer.from(pemEncode('CERTIFICATE', caDer)),
    serverCert: Buffer.from(pemEncode('CERTIFICATE', serverDer)),
    serverKey: Buffer.from(privateKeyPem(serverKey)),
    client(cn, groups = []) {
      const key = generatePrivateKey('ecdsa');
      const der = createCertificate(
        { commonName: cn, organizations: groups, ipAddresses: [], dnsNames: [], notBefore: now, notAfter, isCA: false },
        key,
        caKey,
        parent,
      );
      return { cert: Buffer.from(pemEncode('CERTIFICATE', der)), key: Buffer.from(privateKeyPem(key)) };
    },
  };
}
