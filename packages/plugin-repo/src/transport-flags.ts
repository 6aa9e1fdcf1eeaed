import { Flags } from '@helmts/core';

/** The flags that say how to reach a chart repository: credentials and TLS. */
export const transportFlags = {
  username: Flags.string({ summary: 'Chart repository username.' }),
  password: Flags.string({ summary: 'Chart repository password.' }),
  'ca-file': Flags.string({ summary: 'Verify certificates of HTTPS-enabled servers using this CA bundle.' }),
  'cert-file': Flags.string({ summary: 'Identify HTTPS client using this SSL certificate file.' }),
  'key-file': Flags.string({ summary: 'Identify HTTPS client using this SSL key file.' }),
  'insecure-skip-tls-verify': Flags.boolean({ summary: 'Skip TLS certificate checks for the repository.' }),
};

export interface TransportFlagValues {
  username?: string;
  password?: string;
  'ca-file'?: string;
  'cert-file'?: string;
  'key-file'?: string;
  'insecure-skip-tls-verify'?: boolean;
}

export function transportFromFlags(flags: TransportFlagValues) {
  return {
    username: flags.username,
    password: flags.password,
    caFile: flags['ca-file'],
    certFile: flags['cert-file'],
    keyFile: flags['key-file'],
    insecureSkipTlsVerify: flags['insecure-skip-tls-verify'] || undefined,
  };
}

/** Where `fetch` and `inspect` look a chart up: Helm 2's `--version`, `--devel`, `--repo` and the transport flags. */
export function chartLookupFromFlags(
  flags: TransportFlagValues & { version?: string; devel?: boolean; repo?: string },
) {
  return {
    version: flags.version,
    devel: flags.devel,
    repoUrl: flags.repo,
    transport: transportFromFlags(flags),
  };
}
