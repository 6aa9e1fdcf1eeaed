import { UsageError } from '@helmts/core';

export type TemplateEngine = 'gotpl' | 'liquid';
export const TEMPLATE_ENGINES: readonly TemplateEngine[] = ['gotpl', 'liquid'];

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';
export const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer'];

/** The Kubernetes objects a scaffold can contain, each one template file. */
export interface ScaffoldResources {
  deployment: boolean;
  service: boolean;
  serviceAccount: boolean;
  ingress: boolean;
  httpRoute: boolean;
  autoscaling: boolean;
  configMap: boolean;
}

/** Every answer `create` needs; prompts and flags both fill this in. */
export interface ScaffoldChoices {
  engine: TemplateEngine;
  description: string;
  appVersion: string;
  imageRepository: string;
  /** Empty means "the chart's appVersion", as Helm's scaffold does. */
  imageTag: string;
  serviceType: ServiceType;
  servicePort: number;
  resources: ScaffoldResources;
  testHook: boolean;
}

/** The answers that reproduce Helm's own `helm create` output. */
export const DEFAULT_CHOICES: ScaffoldChoices = Object.freeze({
  engine: 'gotpl',
  description: 'A Helm chart for Kubernetes',
  appVersion: '1.16.0',
  imageRepository: 'nginx',
  imageTag: '',
  serviceType: 'ClusterIP',
  servicePort: 80,
  resources: Object.freeze({
    deployment: true,
    service: true,
    serviceAccount: true,
    ingress: true,
    httpRoute: true,
    autoscaling: true,
    configMap: false,
  }),
  testHook: true,
}) as ScaffoldChoices;

export const RESOURCE_LABELS: Record<keyof ScaffoldResources, string> = {
  deployment: 'Deployment',
  service: 'Service',
  serviceAccount: 'ServiceAccount',
  ingress: 'Ingress',
  httpRoute: 'HTTPRoute (Gateway API)',
  autoscaling: 'HorizontalPodAutoscaler',
  configMap: 'ConfigMap',
};

/** Helm's own rule for names given to `create` (and the longest name it accepts). */
const CHART_NAME = /^[a-zA-Z0-9._-]+$/;
const MAX_CHART_NAME_LENGTH = 250;

export function validateChartName(name: string): void {
  if (name === '' || name === '.' || name === '..' || !CHART_NAME.test(name)) {
    throw new UsageError(
      `chart name "${name}" is not valid: it must match the regular expression ${CHART_NAME.source}`,
      {
        hint: 'Use lowercase letters, digits and dashes, e.g. "my-app".',
      },
    );
  }
  if (name.length > MAX_CHART_NAME_LENGTH) {
    throw new UsageError(`chart name is too long: ${name.length} characters, at most ${MAX_CHART_NAME_LENGTH}`);
  }
}

/**
 * Objects that only make sense with another one: a Service routes to the Deployment's pods, and
 * the Ingress, HTTPRoute and test hook reach the Service. Returns the reasons the choices do not
 * hold together (empty when they do).
 */
export function inconsistentChoices(choices: ScaffoldChoices): string[] {
  const { resources } = choices;
  const problems: string[] = [];
  if (resources.autoscaling && !resources.deployment)
    problems.push('the HorizontalPodAutoscaler scales the Deployment, which is not included');
  if (resources.ingress && !resources.service)
    problems.push('the Ingress routes to the Service, which is not included');
  if (resources.httpRoute && !resources.service)
    problems.push('the HTTPRoute routes to the Service, which is not included');
  if (choices.testHook && !resources.service)
    problems.push('the test hook connects to the Service, which is not included');
  if (!Number.isInteger(choices.servicePort) || choices.servicePort < 1 || choices.servicePort > 65535) {
    problems.push(`service port ${choices.servicePort} is not a port number (1-65535)`);
  }
  if (!TEMPLATE_ENGINES.includes(choices.engine))
    problems.push(`engine "${choices.engine}" is not one of ${TEMPLATE_ENGINES.join(', ')}`);
  if (!SERVICE_TYPES.includes(choices.serviceType))
    problems.push(`service type "${choices.serviceType}" is not one of ${SERVICE_TYPES.join(', ')}`);
  return problems;
}

export function assertConsistentChoices(choices: ScaffoldChoices): void {
  const problems = inconsistentChoices(choices);
  if (problems.length > 0) {
    throw new UsageError(`these scaffold choices do not fit together: ${problems.join('; ')}`, {
      hint: 'Include the missing resource, or leave out the one that needs it.',
    });
  }
}
