import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { checkbox, confirm, input, number, select } from '@inquirer/prompts';
import { render } from '@inquirer/testing';

import { DEFAULT_CHOICES } from '../src/scaffold/choices.js';
import { createChart } from '../src/scaffold/create-chart.js';
import { promptScaffoldChoices, type ScaffoldPrompts } from '../src/scaffold/prompt-choices.js';

type Key = string | { name: string };

/** What the user sees on one prompt (checked) and the keys they press there. */
interface Step {
  screen: RegExp;
  keys: Key[];
}

/**
 * The real @inquirer prompts, each rendered by @inquirer/testing on in-memory streams and
 * answered by the next scripted step, so the whole flow runs without a terminal.
 */
function scriptedPrompts(script: Step[]): { prompts: ScaffoldPrompts; screens: string[] } {
  const screens: string[] = [];
  const drive = <P extends (config: never, context?: never) => Promise<unknown>>(prompt: P): P =>
    (async (config: Parameters<P>[0]) => {
      const step = script.shift();
      assert.ok(step, `an unexpected prompt: ${JSON.stringify((config as { message?: string }).message)}`);
      const { answer, events, getScreen } = await render(prompt as never, config as never);
      const screen = getScreen();
      screens.push(screen);
      assert.match(screen, step.screen);
      for (const key of step.keys) {
        if (typeof key === 'string') events.type(key);
        else events.keypress(key);
      }
      return answer;
    }) as unknown as P;
  return {
    prompts: {
      select: drive(select),
      input: drive(input),
      checkbox: drive(checkbox),
      number: drive(number),
      confirm: drive(confirm),
    },
    screens,
  };
}

const enter = { name: 'enter' };
const down = { name: 'down' };
const space = { name: 'space' };

describe('create: the interactive questions', () => {
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'helmts-prompts-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('asks every question, shows a summary, and creates the chart the answers describe', async () => {
    const script: Step[] = [
      { screen: /Template engine[\s\S]*gotpl[\s\S]*liquid/, keys: [down, enter] },
      { screen: /Description \(A Helm chart for Kubernetes\)/, keys: ['The shop front', enter] },
      { screen: /App version \(1\.16\.0\)/, keys: ['3.2.1', enter] },
      { screen: /Image repository \(REPO or REPO:TAG\) \(nginx\)/, keys: ['ghcr.io/acme/shop', enter] },
      { screen: /Image tag/, keys: [enter] },
      // Order: Deployment, Service, ServiceAccount, Ingress, HTTPRoute, HPA, ConfigMap. Drop Ingress, add ConfigMap.
      {
        screen: /Resources to include[\s\S]*Deployment[\s\S]*ConfigMap/,
        keys: [down, down, down, space, down, down, down, space, enter],
      },
      { screen: /Service type[\s\S]*ClusterIP/, keys: [down, enter] },
      { screen: /Service port/, keys: [{ name: 'backspace' }, { name: 'backspace' }, '8080', enter] },
      { screen: /test hook/, keys: ['n', enter] },
      { screen: /Create the chart with these settings\?/, keys: [enter] },
    ];
    const { prompts } = scriptedPrompts(script);
    let summary = '';
    const choices = await promptScaffoldChoices('shop', DEFAULT_CHOICES, prompts, (text) => {
      summary = text;
    });
    assert.equal(script.length, 0, 'every question was asked');
    assert.ok(choices);
    assert.deepEqual(choices, {
      engine: 'liquid',
      description: 'The shop front',
      appVersion: '3.2.1',
      imageRepository: 'ghcr.io/acme/shop',
      imageTag: '',
      serviceType: 'NodePort',
      servicePort: 8080,
      resources: {
        deployment: true,
        service: true,
        serviceAccount: true,
        ingress: false,
        httpRoute: true,
        autoscaling: true,
        configMap: true,
      },
      testHook: false,
    });
    assert.match(summary, /Engine: +liquid/);
    assert.match(summary, /Image: +ghcr\.io\/acme\/shop:3\.2\.1 \(appVersion\)/);
    assert.match(summary, /Service: +NodePort, port 8080/);
    assert.doesNotMatch(summary, /Ingress/);

    await createChart({ path: join(work, 'shop'), choices });
    const files = await readdir(join(work, 'shop', 'templates'));
    assert.ok(files.includes('configmap.yaml'));
    assert.ok(!files.includes('ingress.yaml'));
    assert.ok(!files.includes('tests'));
    assert.match(await readFile(join(work, 'shop', 'Chart.yaml'), 'utf8'), /^engine: liquid$/m);
    assert.match(await readFile(join(work, 'shop', 'values.yaml'), 'utf8'), /type: NodePort\n.*\n {2}port: 8080\n/);
  });

  it("takes REPO:TAG at the image question (the tag becomes the tag question's default)", async () => {
    const script: Step[] = [
      { screen: /Template engine/, keys: [enter] },
      { screen: /Description/, keys: [enter] },
      { screen: /App version/, keys: [enter] },
      { screen: /Image repository/, keys: [{ name: 'backspace' }, 'ghcr.io:5000/acme/web:2.1', enter] },
      { screen: /Image tag \(empty: the app version\) \(2\.1\)/, keys: [enter] },
      { screen: /Resources to include/, keys: [enter] },
      { screen: /Service type/, keys: [enter] },
      { screen: /Service port/, keys: [enter] },
      { screen: /test hook/, keys: [enter] },
      { screen: /Create the chart/, keys: [enter] },
    ];
    const { prompts } = scriptedPrompts(script);
    let summary = '';
    const choices = await promptScaffoldChoices('web', DEFAULT_CHOICES, prompts, (text) => {
      summary = text;
    });
    assert.equal(choices?.imageRepository, 'ghcr.io:5000/acme/web');
    assert.equal(choices?.imageTag, '2.1');
    assert.match(summary, /^Image: +ghcr\.io:5000\/acme\/web:2\.1$/m);
  });

  it('goes back from the summary through the questions, with the answers given as defaults', async () => {
    const script: Step[] = [
      { screen: /Template engine/, keys: [enter] },
      { screen: /Description/, keys: ['Shop', enter] },
      { screen: /App version/, keys: [enter] },
      { screen: /Image repository/, keys: [enter] },
      { screen: /Image tag/, keys: [enter] },
      { screen: /Resources to include/, keys: [enter] },
      { screen: /Service type/, keys: [enter] },
      { screen: /Service port/, keys: [enter] },
      { screen: /test hook/, keys: [enter] },
      { screen: /Create the chart[\s\S]*Go back/, keys: [down, enter] },
      // second pass: the description typed before is the default now; change the app version
      { screen: /Template engine/, keys: [enter] },
      { screen: /Description \(Shop\)/, keys: [enter] },
      { screen: /App version/, keys: [{ name: 'backspace' }, '2.0.0', enter] },
      { screen: /Image repository/, keys: [enter] },
      { screen: /Image tag/, keys: [enter] },
      { screen: /Resources to include/, keys: [enter] },
      { screen: /Service type/, keys: [enter] },
      { screen: /Service port/, keys: [enter] },
      { screen: /test hook/, keys: [enter] },
      { screen: /Create the chart/, keys: [enter] },
    ];
    const { prompts } = scriptedPrompts(script);
    const choices = await promptScaffoldChoices('shop', DEFAULT_CHOICES, prompts, () => {});
    assert.equal(script.length, 0, 'every question was asked twice');
    assert.equal(choices?.description, 'Shop');
    assert.equal(choices?.appVersion, '2.0.0');
  });

  it('keeps the user on the resource question while the selection does not fit together', async () => {
    const script: Step[] = [
      { screen: /Template engine/, keys: [enter] },
      { screen: /Description/, keys: [enter] },
      { screen: /App version/, keys: [enter] },
      { screen: /Image repository/, keys: [enter] },
      { screen: /Image tag/, keys: [enter] },
      // Unselect the Service while the Ingress is still selected: refused; then unselect Ingress and HTTPRoute.
      { screen: /Resources to include/, keys: [down, space, enter, down, down, space, down, space, enter] },
      { screen: /Create the chart[\s\S]*Cancel/, keys: [down, down, enter] },
    ];
    const { prompts, screens } = scriptedPrompts(script);
    const choices = await promptScaffoldChoices('web', DEFAULT_CHOICES, prompts, () => {});
    assert.equal(choices, undefined, 'cancelling at the summary cancels');
    assert.equal(script.length, 0);
    assert.equal(screens.length, 7);
  });
});
