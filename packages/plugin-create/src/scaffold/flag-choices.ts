import { DEFAULT_CHOICES, type ScaffoldChoices, type ServiceType, type TemplateEngine } from './choices.js';
import { splitImage } from './split-image.js';

/** `create`'s answering flags, as parsed (undefined = not given). */
export interface CreateFlagAnswers {
  engine?: string;
  description?: string;
  appVersion?: string;
  image?: string;
  imageTag?: string;
  serviceType?: string;
  servicePort?: number;
  deployment?: boolean;
  service?: boolean;
  serviceAccount?: boolean;
  ingress?: boolean;
  httpRoute?: boolean;
  autoscaling?: boolean;
  configMap?: boolean;
  testHook?: boolean;
}

/**
 * The defaults with the given flags applied. Objects that need a left-out one follow it out
 * (no Service → no Ingress, HTTPRoute or test hook) unless asked for explicitly, in which case
 * the choices are inconsistent and createChart refuses them with the reason.
 */
export function choicesFromFlags(answers: CreateFlagAnswers): ScaffoldChoices {
  const resources = { ...DEFAULT_CHOICES.resources };
  const toggles = {
    deployment: answers.deployment,
    service: answers.service,
    serviceAccount: answers.serviceAccount,
    ingress: answers.ingress,
    httpRoute: answers.httpRoute,
    autoscaling: answers.autoscaling,
    configMap: answers.configMap,
  };
  for (const [key, value] of Object.entries(toggles))
    if (value !== undefined) resources[key as keyof typeof resources] = value;
  if (!resources.deployment && toggles.autoscaling === undefined) resources.autoscaling = false;
  if (!resources.service) {
    if (toggles.ingress === undefined) resources.ingress = false;
    if (toggles.httpRoute === undefined) resources.httpRoute = false;
  }
  const [imageRepository, tagInImage] = splitImage(answers.image ?? DEFAULT_CHOICES.imageRepository);
  return {
    engine: (answers.engine ?? DEFAULT_CHOICES.engine) as TemplateEngine,
    description: answers.description ?? DEFAULT_CHOICES.description,
    appVersion: answers.appVersion ?? DEFAULT_CHOICES.appVersion,
    imageRepository,
    imageTag: answers.imageTag ?? tagInImage ?? DEFAULT_CHOICES.imageTag,
    serviceType: (answers.serviceType ?? DEFAULT_CHOICES.serviceType) as ServiceType,
    servicePort: answers.servicePort ?? DEFAULT_CHOICES.servicePort,
    resources,
    testHook: answers.testHook ?? (resources.service && DEFAULT_CHOICES.testHook),
  };
}
