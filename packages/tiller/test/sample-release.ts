import type { ReleaseInput, StatusCode } from '@helmts/proto';

/** A small but complete release revision, as Tiller would store it. */
export function sampleRelease(name: string, version: number, status: StatusCode = 'DEPLOYED'): ReleaseInput {
  return {
    name,
    version,
    namespace: 'apps',
    manifest: `---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-cm\n`,
    config: { raw: `revision: ${version}\n` },
    info: {
      status: { code: status, notes: 'Thanks for installing demo.' },
      first_deployed: { seconds: 1_700_000_000, nanos: 0 },
      last_deployed: { seconds: 1_700_000_000 + version, nanos: 500 },
      Description: version === 1 ? 'Install complete' : 'Upgrade complete',
    },
    chart: {
      metadata: { name: 'demo', version: '0.1.0', apiVersion: 'v1', appVersion: '1.0' },
      templates: [{ name: 'templates/cm.yaml', data: Buffer.from('kind: ConfigMap\n') }],
      values: { raw: 'revision: 0\n' },
      files: [{ type_url: 'README.md', value: Buffer.from('# demo\n') }],
    },
    hooks: [{ name: `${name}-job`, kind: 'Job', path: 'demo/templates/job.yaml', events: ['POST_INSTALL'], weight: 1 }],
  };
}
