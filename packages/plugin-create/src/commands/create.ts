import { Args, Flags, HelmtsCommand, HelmtsError, isInteractive, UsageError } from '@helmts/core';

import { DEFAULT_CHOICES, SERVICE_TYPES, TEMPLATE_ENGINES, type ScaffoldChoices } from '../scaffold/choices.js';
import { createChart } from '../scaffold/create-chart.js';
import { choicesFromFlags } from '../scaffold/flag-choices.js';
import { INQUIRER_PROMPTS, promptScaffoldChoices } from '../scaffold/prompt-choices.js';
import { resolveStarterPath } from '../scaffold/starter.js';

/** Flags that answer a prompt of today's scaffold: giving any of them means "don't ask", and picks that scaffold. */
const ANSWERING_FLAGS = [
  'engine',
  'description',
  'app-version',
  'image',
  'image-tag',
  'service-type',
  'service-port',
  'deployment',
  'service',
  'service-account',
  'ingress',
  'http-route',
  'autoscaling',
  'configmap',
  'test-hook',
  'yes',
] as const;

const SCAFFOLDS = ['helm2', 'modern'] as const;

const resourceFlag = (summary: string) => Flags.boolean({ summary, allowNo: true, helpGroup: 'RESOURCES' });
const MODERN = 'MODERN SCAFFOLD';

export default class Create extends HelmtsCommand<typeof Create> {
  static override summary = 'Create a new chart with the given name.';
  static override description = `Creates a chart directory with Chart.yaml, values.yaml, .helmignore, charts/ and templates/: by default the chart Helm 2.17's \`helm create\` writes, byte for byte, without questions.
--scaffold modern writes today's Helm scaffold instead (apiVersion v2, HPA, HTTPRoute), which can be tailored: on a terminal with no answering flags it asks for the template engine, description, app version, image, the resources to include, the Service's type and port and a test hook, shows a summary and asks to confirm. Every question has a flag, and giving one (or --yes, which takes the defaults) picks the modern scaffold; without a terminal it never asks.
NAME may be a path: the chart's name is its last element. With --starter the chart is copied from a starter chart (HELMTS_HOME/starters/NAME or a path) and renamed.`;
  static override examples = [
    '<%= config.bin %> create mychart',
    '<%= config.bin %> create mychart --scaffold modern',
    '<%= config.bin %> create mychart --yes',
    '<%= config.bin %> create web --engine liquid --image ghcr.io/acme/web --image-tag 2.1.0 --service-type NodePort --no-ingress',
    '<%= config.bin %> create api --starter my-starter',
  ];

  static override argumentErrors = {
    missing: 'the name of the new chart is required',
    unexpected: "command 'create' doesn't support multiple arguments",
  };
  static override args = {
    name: Args.string({ description: 'name (or path) of the chart to create', required: true }),
  };

  static override flags = {
    scaffold: Flags.string({
      summary:
        "Which chart to write: helm2 (Helm 2.17's helm create chart; the default) or modern (today's Helm scaffold, tailored by the MODERN SCAFFOLD and RESOURCES flags, asking on a terminal; the default when one of those flags is given).",
      options: [...SCAFFOLDS],
    }),
    starter: Flags.string({
      char: 'p',
      summary: 'The name or absolute path of a starter chart (in HELMTS_HOME/starters).',
    }),
    force: Flags.boolean({
      summary: 'Write into an existing non-empty directory, overwriting files of the same name.',
    }),
    yes: Flags.boolean({
      char: 'y',
      summary: 'The modern scaffold with the defaults for every question that has no flag; never prompt.',
      helpGroup: MODERN,
    }),
    engine: Flags.string({
      summary: 'Template engine of the chart.',
      options: [...TEMPLATE_ENGINES],
      helpGroup: MODERN,
    }),
    description: Flags.string({
      summary: `Chart description (default "${DEFAULT_CHOICES.description}").`,
      helpGroup: MODERN,
    }),
    'app-version': Flags.string({
      summary: `Version of the application the chart deploys (default "${DEFAULT_CHOICES.appVersion}").`,
      helpGroup: MODERN,
    }),
    image: Flags.string({
      summary: `Container image repository; REPO:TAG also sets the tag (default "${DEFAULT_CHOICES.imageRepository}").`,
      helpGroup: MODERN,
    }),
    'image-tag': Flags.string({ summary: 'Container image tag (default: the chart appVersion).', helpGroup: MODERN }),
    'service-type': Flags.string({ summary: 'Type of the Service.', options: [...SERVICE_TYPES], helpGroup: MODERN }),
    'service-port': Flags.integer({
      summary: `Port of the Service (default ${DEFAULT_CHOICES.servicePort}).`,
      helpGroup: MODERN,
      min: 1,
      max: 65535,
    }),
    deployment: resourceFlag('Include the Deployment (default yes).'),
    service: resourceFlag('Include the Service (default yes).'),
    'service-account': resourceFlag('Include the ServiceAccount (default yes).'),
    ingress: resourceFlag('Include the Ingress template (default yes; disabled in values as in Helm).'),
    'http-route': resourceFlag('Include the Gateway API HTTPRoute template (default yes; disabled in values).'),
    autoscaling: resourceFlag('Include the HorizontalPodAutoscaler template (default yes; disabled in values).'),
    configmap: resourceFlag('Include a ConfigMap passed to the container as environment variables (default no).'),
    'test-hook': resourceFlag('Include tests/test-connection.yaml, run by `test` (default yes).'),
  };

  async run(): Promise<void> {
    const { flags, args } = this;
    const answering = ANSWERING_FLAGS.filter((name) => flags[name] !== undefined && flags[name] !== false);
    const scaffold = flags.scaffold ?? (answering.length > 0 ? 'modern' : 'helm2');
    const misplaced = answering.find((name) => name !== 'yes');
    if (scaffold === 'helm2' && misplaced !== undefined)
      throw new UsageError(`--${misplaced} applies to the modern scaffold, not to Helm 2's (--scaffold helm2)`, {
        hint: "Drop --scaffold helm2 to tailor the modern scaffold, or drop the flag to get Helm 2.17's chart.",
      });
    // no choices: Helm 2.17's chart, written without questions as `helm create` does
    const choices =
      scaffold === 'helm2'
        ? undefined
        : await this.modernChoices(answering.length === 0 && flags.starter === undefined);
    const starterDir = flags.starter === undefined ? undefined : resolveStarterPath(flags.starter, this.home.starters);
    this.log(`Creating ${args.name}`);
    await createChart({ path: args.name, choices, starterDir, force: flags.force });
  }

  /** The modern scaffold's answers: the flags, then the questions when nothing answered them on a terminal. */
  private async modernChoices(mayAsk: boolean): Promise<ScaffoldChoices> {
    const { flags, args } = this;
    const fromFlags = choicesFromFlags({
      engine: flags.engine,
      description: flags.description,
      appVersion: flags['app-version'],
      image: flags.image,
      imageTag: flags['image-tag'],
      serviceType: flags['service-type'],
      servicePort: flags['service-port'],
      deployment: flags.deployment,
      service: flags.service,
      serviceAccount: flags['service-account'],
      ingress: flags.ingress,
      httpRoute: flags['http-route'],
      autoscaling: flags.autoscaling,
      configMap: flags.configmap,
      testHook: flags['test-hook'],
    });
    if (!mayAsk || !process.stdin.isTTY || !isInteractive(process.stdout)) return fromFlags;
    let choices: ScaffoldChoices | undefined;
    try {
      choices = await promptScaffoldChoices(args.name, fromFlags, INQUIRER_PROMPTS, (text) =>
        process.stdout.write(`\n${text}\n`),
      );
    } catch (error) {
      // Ctrl-C at a question: nothing written, and the shell's code for an interrupt (128 + SIGINT)
      if ((error as Error).name === 'ExitPromptError') this.exit(130);
      throw error;
    }
    if (choices === undefined)
      throw new HelmtsError('cancelled: nothing was written', {
        hint: 'Run create again, or pass flags (or --yes) to skip the questions.',
      });
    return choices;
  }
}
