// YAML texts whose Helm fromYaml/fromYamlArray result is recorded by record-from-yaml.mjs.
export const fromYamlInputs = [
  { yaml: 'a: 1\nb: two\nc: [1, 2.5, x]\n' },
  { yaml: 'a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: True\nh: ~\ni: null\nj:\n' },
  { yaml: 'a: 0777\nb: 0x1F\nc: 0o17\nd: 0b101\ne: 1_000\nf: 09\ng: 1e3\nh: .5\ni: -.inf\nj: 1:20\n' },
  {
    yaml: 'a: 2021-01-01\nb: 2021-01-01T10:00:00Z\nc: "quoted"\nd: \'single\'\ne: |\n  lit\n  eral\nf: >\n  fol\n  ded\n',
  },
  { yaml: 'base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\nlist: [*b]\n' },
  { yaml: 'm:\n  <<: [{a: 1}, {a: 2, b: 2}]\n' },
  { yaml: '1: one\ntrue: t\n1.5: f\n' },
  { yaml: 'a: 1\na: 2\n' },
  { yaml: 'a: !!str 1\nb: !!int "2"\nc: !!float 3\n' },
  { yaml: 'big: 12345678901234567890\nneg: -9223372036854775808\nfl: 1.0\n' },
  { yaml: 'first: 1\n---\nsecond: 2\n' },
  { yaml: '' },
  { yaml: '- a\n- b\n' },
  { yaml: 'just a string' },
  { yaml: 'a: [unclosed\n' },
  { yaml: 'a: 1\n b: 2\n' },
  { yaml: '- 1\n- two\n- {a: b}\n', array: true },
  { yaml: 'a: 1\n', array: true },
  { yaml: '', array: true },
];
