// Helm 2 style generated names: "<adjective>-<animal>" (our own short word lists).
const ADJECTIVES = [
  'agile', 'amber', 'bold', 'brave', 'bright', 'calm', 'clever', 'cosmic', 'crisp', 'daring', 'eager', 'early',
  'famous', 'fancy', 'gentle', 'giddy', 'golden', 'happy', 'honest', 'jolly', 'keen', 'kind', 'lively', 'lucky',
  'mellow', 'merry', 'modest', 'nimble', 'noble', 'odd', 'plucky', 'proud', 'quiet', 'quirky', 'rapid', 'rusty',
  'silly', 'sleepy', 'solid', 'steady', 'sunny', 'swift', 'tidy', 'torpid', 'vast', 'wandering', 'witty', 'zealous',
];
const ANIMALS = [
  'albatross', 'alpaca', 'badger', 'beaver', 'bison', 'bobcat', 'camel', 'cheetah', 'cricket', 'dingo', 'dolphin',
  'eagle', 'ferret', 'finch', 'gecko', 'gopher', 'heron', 'hippo', 'ibex', 'jackal', 'koala', 'lemur', 'lynx',
  'marmot', 'moose', 'narwhal', 'newt', 'ocelot', 'otter', 'panda', 'puffin', 'quail', 'rabbit', 'raccoon', 'salmon',
  'seal', 'sloth', 'tapir', 'termite', 'toucan', 'turtle', 'urchin', 'vulture', 'walrus', 'wombat', 'yak', 'zebra',
];

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]!;
}

export function generateReleaseName(): string {
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}`.slice(0, 53);
}
