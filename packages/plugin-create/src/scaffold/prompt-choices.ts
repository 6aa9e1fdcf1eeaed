import { checkbox, confirm, input, number, select } from '@inquirer/prompts';

import {
  inconsistentChoices,
  RESOURCE_LABELS,
  SERVICE_TYPES,
  TEMPLATE_ENGINES,
  type ScaffoldChoices,
  type ScaffoldResources,
  type ServiceType,
  type TemplateEngine,
} from './choices.js';
import { splitImage } from './split-image.js';

/** The prompt functions the flow uses; @inquirer/prompts' by default, replaceable in tests. */
export interface ScaffoldPrompts {
  select: typeof select;
  input: typeof input;
  checkbox: typeof checkbox;
  number: typeof number;
  confirm: typeof confirm;
}

export const INQUIRER_PROMPTS: ScaffoldPrompts = { select, input, checkbox, number, confirm };

/** The summary shown before the final confirmation. */
export function summarizeChoices(chartName: string, choices: ScaffoldChoices): string {
  const included = (Object.keys(RESOURCE_LABELS) as (keyof ScaffoldResources)[])
    .filter((key) => choices.resources[key])
    .map((key) => RESOURCE_LABELS[key]);
  const lines = [
    `Chart:        ${chartName}`,
    `Engine:       ${choices.engine}`,
    `Description:  ${choices.description}`,
    `App version:  ${choices.appVersion}`,
  ];
  if (choices.resources.deployment)
    lines.push(
      `Image:        ${choices.imageRepository}:${choices.imageTag === '' ? `${choices.appVersion} (appVersion)` : choices.imageTag}`,
    );
  lines.push(`Resources:    ${included.length > 0 ? included.join(', ') : '(none)'}`);
  if (choices.resources.service) lines.push(`Service:      ${choices.serviceType}, port ${choices.servicePort}`);
  lines.push(`Test hook:    ${choices.testHook ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

/** What the user can do at the summary. */
type SummaryAnswer = 'create' | 'back' | 'cancel';

/**
 * Asks for every scaffold choice, starting from `defaults`, then shows the summary and asks what
 * to do: create, go back through the questions with the answers given so far as their defaults,
 * or cancel. Returns undefined when the user cancels.
 */
export async function promptScaffoldChoices(
  chartName: string,
  defaults: ScaffoldChoices,
  prompts: ScaffoldPrompts,
  showSummary: (text: string) => void,
): Promise<ScaffoldChoices | undefined> {
  let current = defaults;
  for (;;) {
    const choices = await askEveryQuestion(current, prompts);
    showSummary(summarizeChoices(chartName, choices));
    const next = await prompts.select<SummaryAnswer>({
      message: 'Create the chart with these settings?',
      default: 'create',
      choices: [
        { value: 'create', name: 'Yes, create it' },
        { value: 'back', name: 'Go back and change answers (yours are kept as the defaults)' },
        { value: 'cancel', name: 'Cancel: write nothing' },
      ],
    });
    if (next === 'create') return choices;
    if (next === 'cancel') return undefined;
    current = choices;
  }
}

/** One pass through the questions, each defaulting to `defaults`. */
async function askEveryQuestion(defaults: ScaffoldChoices, prompts: ScaffoldPrompts): Promise<ScaffoldChoices> {
  const engine = await prompts.select<TemplateEngine>({
    message: 'Template engine',
    default: defaults.engine,
    choices: TEMPLATE_ENGINES.map((value) => ({
      value,
      name: value,
      description:
        value === 'gotpl' ? "Go templates, as Helm's charts use" : 'Liquid templates (Chart.yaml engine: liquid)',
    })),
  });
  const description = await prompts.input({ message: 'Description', default: defaults.description });
  const appVersion = await prompts.input({
    message: 'App version',
    default: defaults.appVersion,
    validate: (value) => (value.trim() === '' ? 'The app version cannot be empty' : true),
  });
  const image = await prompts.input({
    message: 'Image repository (REPO or REPO:TAG)',
    default: defaults.imageRepository,
    validate: (value) => (/^\S+$/.test(value) ? true : 'An image repository has no spaces and is not empty'),
  });
  // as --image: REPO:TAG gives the tag too (it is the tag question's default)
  const [imageRepository, tagInImage] = splitImage(image);
  const imageTag = await prompts.input({
    message: 'Image tag (empty: the app version)',
    default: tagInImage ?? defaults.imageTag,
  });
  const draft = (resources: ScaffoldResources): ScaffoldChoices => ({
    ...defaults,
    engine,
    resources,
    testHook: false,
  });
  const selected = await prompts.checkbox<keyof ScaffoldResources>({
    message: 'Resources to include',
    choices: (Object.keys(RESOURCE_LABELS) as (keyof ScaffoldResources)[]).map((key) => ({
      value: key,
      name: RESOURCE_LABELS[key],
      checked: defaults.resources[key],
    })),
    validate: (items) => {
      const resources = Object.fromEntries(
        (Object.keys(RESOURCE_LABELS) as (keyof ScaffoldResources)[]).map((key) => [
          key,
          items.some((item) => item.value === key),
        ]),
      ) as unknown as ScaffoldResources;
      const problems = inconsistentChoices(draft(resources));
      return problems.length === 0 ? true : problems[0];
    },
  });
  const resources = Object.fromEntries(
    (Object.keys(RESOURCE_LABELS) as (keyof ScaffoldResources)[]).map((key) => [key, selected.includes(key)]),
  ) as unknown as ScaffoldResources;
  let { serviceType, servicePort } = defaults;
  let testHook = false;
  if (resources.service) {
    serviceType = await prompts.select<ServiceType>({
      message: 'Service type',
      default: defaults.serviceType,
      choices: SERVICE_TYPES.map((value) => ({ value, name: value })),
    });
    servicePort =
      (await prompts.number({
        message: 'Service port',
        default: defaults.servicePort,
        min: 1,
        max: 65535,
        required: true,
      })) ?? defaults.servicePort;
    testHook = await prompts.confirm({
      message: 'Add a test hook (helm test) that connects to the Service?',
      default: defaults.testHook,
    });
  }
  const choices: ScaffoldChoices = {
    engine,
    description,
    appVersion,
    imageRepository,
    imageTag,
    serviceType,
    servicePort,
    resources,
    testHook,
  };
  return choices;
}
