import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  createCertificate,
  generatePrivateKey,
  parseIp,
  parseParentCertificate,
  pemEncode,
  privateKeyPem,
} from '@helmts/sprig/x509-builder';

/**
 * `helmts init --tls-gen`: a CA, Tiller's server certificate and a client certificate, built with
 * the X.509 builder Sprig's genCA/genSignedCert use. ECDSA P-256 keys (fast to make, accepted by
 * OpenSSL and grpc-js). The client certificate's CN and O are the Kubernetes user and groups
 * Tiller acts as under --authz=impersonate.
 */
export interface TillerTlsBundle {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export interface TlsGenOptions {
  /** Tiller's namespace: the server certificate names tiller-deploy.<namespace>.svc and friends */
  namespace: string;
  /** client identity (CN) and groups (O) */
  clientUser: string;
  clientGroups?: string[];
  /** validity in days (default 365) */
  days?: number;
  /** extra server names (DNS or IP) */
  serverNames?: string[];
}

function pem(der: Buffer): string {
  return pemEncode('CERTIFICATE', der);
}

export function generateTillerTls(options: TlsGenOptions): TillerTlsBundle {
  const now = new Date(Date.now() - 60_000);
  const notAfter = new Date(now.getTime() + (options.days ?? 365) * 86_400_000);
  const caKey = generatePrivateKey('ecdsa');
  const caDer = createCertificate(
    { commonName: 'helmts-tiller-ca', ipAddresses: [], dnsNames: [], notBefore: now, notAfter, isCA: true },
    caKey,
    caKey,
  );
  const parent = parseParentCertificate(caDer);

  const names = [
    'tiller-deploy',
    `tiller-deploy.${options.namespace}`,
    `tiller-deploy.${options.namespace}.svc`,
    'localhost',
    '127.0.0.1',
    '::1',
    ...(options.serverNames ?? []),
  ];
  const ipAddresses = names.map((n) => parseIp(n)).filter((ip): ip is Uint8Array => ip !== undefined);
  const dnsNames = names.filter((n) => parseIp(n) === undefined);
  const serverKey = generatePrivateKey('ecdsa');
  const serverDer = createCertificate(
    { commonName: 'tiller-server', ipAddresses, dnsNames, notBefore: now, notAfter, isCA: false },
    serverKey,
    caKey,
    parent,
  );

  const clientKey = generatePrivateKey('ecdsa');
  const clientDer = createCertificate(
    {
      commonName: options.clientUser,
      organizations: options.clientGroups ?? [],
      ipAddresses: [],
      dnsNames: [],
      notBefore: now,
      notAfter,
      isCA: false,
    },
    clientKey,
    caKey,
    parent,
  );
  return {
    caCert: pem(caDer),
    caKey: privateKeyPem(caKey),
    serverCert: pem(serverDer),
    serverKey: privateKeyPem(serverKey),
    clientCert: pem(clientDer),
    clientKey: privateKeyPem(clientKey),
  };
}

/** Where the files go in HELMTS_HOME: the client's defaults (ca.pem, cert.pem, key.pem) and the rest. */
export function tlsGenPaths(home: string) {
  return {
    caCert: join(home, 'ca.pem'),
    caKey: join(home, 'ca.key.pem'),
    clientCert: join(home, 'cert.pem'),
    clientKey: join(home, 'key.pem'),
    serverCert: join(home, 'tiller.cert.pem'),
    serverKey: join(home, 'tiller.key.pem'),
  };
}

/** Writes every file of the bundle with mode 0600 (chmod too, in case a file existed with wider rights). */
export async function writeTillerTls(home: string, bundle: TillerTlsBundle): Promise<ReturnType<typeof tlsGenPaths>> {
  const paths = tlsGenPaths(home);
  await mkdir(home, { recursive: true });
  const contents: Record<keyof typeof paths, string> = bundle;
  for (const [key, path] of Object.entries(paths) as [keyof typeof paths, string][]) {
    await writeFile(path, contents[key], { mode: 0o600 });
    await chmod(path, 0o600);
  }
  return paths;
}

/**
 * The Kubernetes identity the client certificate should carry: the subject of the kubeconfig's
 * client certificate when it has one (CN = user, O = groups), else the kubeconfig user's name.
 */
export function identityFromKubeconfigUser(
  user: { name: string; certData?: string; certFile?: string } | null,
  readFile: (path: string) => Buffer,
): { user: string; groups: string[] } {
  if (!user) return { user: 'helmts-client', groups: [] };
  try {
    const raw = user.certData
      ? Buffer.from(user.certData, 'base64')
      : user.certFile
        ? readFile(user.certFile)
        : undefined;
    if (raw) {
      const subject = new X509Certificate(raw).subject.split('\n');
      const cn = subject.find((l) => l.startsWith('CN='))?.slice(3);
      const groups = subject.filter((l) => l.startsWith('O=')).map((l) => l.slice(2));
      if (cn) return { user: cn, groups };
    }
  } catch {
    // not a readable certificate: fall back to the entry's name
  }
  return { user: user.name, groups: [] };
}

/** The server side for the `tiller-secret` Secret: never the CA key. */
export function serverMaterial(bundle: TillerTlsBundle): { cert: Buffer; key: Buffer; ca: Buffer } {
  // parse once so a broken bundle fails here, not in the pod
  createPrivateKey(bundle.serverKey);
  return { cert: Buffer.from(bundle.serverCert), key: Buffer.from(bundle.serverKey), ca: Buffer.from(bundle.caCert) };
}
