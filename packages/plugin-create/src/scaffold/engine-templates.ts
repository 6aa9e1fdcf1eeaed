import type { ScaffoldChoices } from './choices.js';

/** One engine's version of each scaffold template (gotpl or liquid); the same resources either way. */
export interface EngineTemplates {
  ingress: string;
  httpRoute: string;
  deployment: (choices: ScaffoldChoices) => string;
  service: string;
  serviceAccount: string;
  hpa: string;
  configMap: string;
  notes: (choices: ScaffoldChoices) => string;
  /** Helper templates or partials (path, content), written after NOTES.txt. */
  helpers: (choices: ScaffoldChoices) => [string, string][];
  testConnection: string;
}

/** chart-relative path → content for the chosen resources, in Helm's order, still holding `<CHARTNAME>`. */
export function scaffoldTemplates(choices: ScaffoldChoices, t: EngineTemplates): Map<string, string> {
  const r = choices.resources;
  const files = new Map<string, string>();
  if (r.ingress) files.set('templates/ingress.yaml', t.ingress);
  if (r.httpRoute) files.set('templates/httproute.yaml', t.httpRoute);
  if (r.deployment) files.set('templates/deployment.yaml', t.deployment(choices));
  if (r.service) files.set('templates/service.yaml', t.service);
  if (r.serviceAccount) files.set('templates/serviceaccount.yaml', t.serviceAccount);
  if (r.autoscaling) files.set('templates/hpa.yaml', t.hpa);
  if (r.configMap) files.set('templates/configmap.yaml', t.configMap);
  files.set('templates/NOTES.txt', t.notes(choices));
  for (const [path, content] of t.helpers(choices)) files.set(path, content);
  if (choices.testHook) files.set('templates/tests/test-connection.yaml', t.testConnection);
  return files;
}
