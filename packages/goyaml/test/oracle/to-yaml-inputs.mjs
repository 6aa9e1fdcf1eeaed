// Values whose Helm toYaml output is recorded by record-to-yaml.mjs (JSON-representable only:
// they reach Helm through fromJson, so every number is a float64).
const long = 'aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll mmm nnn ooo ppp qqq rrr sss ttt uuu vvv www xxx yyy zzz';
const words = (n) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
export const toYamlInputs = [
  'plain', '', ' ', 'a: b', 'a:b', 'a #b', 'a#b', '#a', ' lead', 'trail ', 'tab\there', '*star', '&amp', '!bang', '%pct', '@at',
  '`tick', '|pipe', '>gt', "'sq", '"dq', 'it\'s', 'say "hi"', 'back\\slash', '- dash', '-dash', '--- x', '...', '? q', '?q', ':c', 'a,b', '[x]', '{y}', 'x]',
  'true', 'True', 'TRUE', 'false', 'yes', 'no', 'y', 'n', 'Y', 'N', 'on', 'off', 'On', 'OFF', 'null', 'Null', '~', 'nil',
  '1', '-1', '+1', '1.5', '1e3', '1E3', '1e+3', '.5', '-.5', '1.', '0x1F', '0o17', '0777', '09', '0b101', '-0b101', '1_000', '1:20', '1:20:30.5', '12:70', '1e400', '.inf', '-.inf', '.nan', '.NaN', '+.inf', 'inf', 'NaN',
  '2021-01-01', '2021-1-1', '2021-13-01', '2021-02-30', '2021-01-01T10:00:00Z', '2021-01-01t10:00:00+02:00', '2021-01-01 10:00:00', '2021-01-01 10:00', '20210101', '1.2.3', 'v1.2.3', '<<', '=',
  'héllo wörld', '日本語', 'emoji 😀', '\u00a0nbsp', 'x\u0085y', 'x\u2028y', '\ufeffbom', 'ctl\u0001x', 'del\u007fx',
  'line1\nline2', 'line1\nline2\n', 'line1\nline2\n\n', '\nleading newline', ' leading space\nx', 'trailing space \nx', 'x\n y', 'x \ny', 'tab\tin\nblock', 'a\r\nb', '\n', '\n\n', 'x\n\n\ny',
  long, long + ' ' + long, words(40), 'a'.repeat(100), 'a'.repeat(100) + ' b', `${long}: colon`, `"${long}"`, `'${long}'`, `x  ${long}  y`, `tab\t${long}`, `${long}\n${long}`,
  0, 1, -1, 1.5, 1e6, 1234567, 123456789, 1e20, 1e21, 1.5e21, 1e-7, 0.000001, 0.0001, 1e-5, 123.456, 1e19, 9.2e18, 1.8446744073709552e19, 3.4e38, -0.0, 100000, 1234567.5,
  true, false, null, [], {}, [[]], [{}], { a: [] }, { a: {} },
  [1, 'a', null, true], [[1, 2], [3, [4, 5]]], [{ a: 1, b: 2 }, { c: { d: [1, { e: 'f' }] } }],
  { b: 1, a: 2, c: { z: 1, y: [1, 2, { q: 'r' }] } },
  { a10: 1, a9: 2, a1: 3, 'a01': 4, A: 5, _x: 6, '1': 7, '10': 8, '2': 9, 'b-1': 10, b_1: 11, b1: 12, 'é': 13, 'z': 14, '': 15, ' ': 16 },
  { 'key with: colon': 1, 'true': 2, 'null': 3, '1.5': 4, 'y': 5, '-': 6, '- a': 7, '#': 8, 'multi\nline': 9, ['k'.repeat(129)]: 10, ['k'.repeat(128)]: 11 },
  { script: '#!/bin/bash\necho "hi"\nexit 0\n', cfg: 'a=1\nb=2', nested: { deeper: { text: 'x\ny\n' } } },
  { list: ['line1\nline2', { m: 'a\nb' }, ['x\ny']] },
  { longkey: long, nested: { deeper: { deepest: long } }, list: [long, [long]] },
  'x'.repeat(200),
];
