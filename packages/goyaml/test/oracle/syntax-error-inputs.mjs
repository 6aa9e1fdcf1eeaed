// YAML texts (mostly broken) whose Helm `fromYaml` result is recorded, from both Helm 2.17.0
// (gopkg.in/yaml.v2 v2.2.4 via ghodss/yaml) and Helm v4 (go.yaml.in/yaml/v2 v2.4.3 via
// sigs.k8s.io/yaml), by record-syntax-errors.mjs into ../fixtures/syntax-error-oracle.json.
//
// Part A is hand-written: at least one case per go-yaml scanner/parser/decoder error message
// reachable from (valid UTF-8) text, typical chart-author mistakes, and valid documents.
// Part B is a deterministic mutation fuzz of realistic base documents (seeded PRNG below).
//
// Messages of go-yaml v2 not reachable from here (see the recorder's report):
// - reader: "invalid leading UTF-8 octet", "incomplete UTF-8 octet sequence", "invalid trailing
//   UTF-8 octet", "invalid length of a UTF-8 sequence", "invalid Unicode character" and the
//   UTF-16 messages need invalid UTF-8 / UTF-16 bytes, which a JS string cannot carry through
//   base64(UTF-8); "input error: ..." needs a failing io.Reader.
// - parser: "did not find expected <stream-start>" (the scanner always emits it first).
// - decoder: "attempted to go past the end of stream; corrupted value?", "expected X event but
//   got Y" (the parser's state machine never produces such event sequences), "invalid array:
//   want N elements but got M" (needs a Go array target; fromYaml decodes into interface{}).

// ---------------------------------------------------------------------------------------------
// Part A: hand-written cases
// ---------------------------------------------------------------------------------------------

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '',
].join('\n');

// A few aliases, well below the excessive-aliasing threshold.
const someAliases =
  'base: &b {x: 1, y: [1, 2, 3]}\n' + Array.from({ length: 30 }, (_, i) => `k${i}: *b`).join('\n') + '\n';

const handWritten = [
  // --- empty / trivial / valid scalars and collections -----------------------------------
  '',
  ' ',
  '\n',
  '\n\n  \n',
  '\t',
  '\t\n',
  ' \t \n',
  '# only a comment\n',
  '#',
  '---\n',
  '---',
  '...\n',
  '--- \n...\n',
  '---\n...\n---\n',
  '~',
  'null',
  '{}',
  '[]',
  'a: 1',
  'a: 1\n',
  'a:\n',
  'a:',
  'a: ~\nb: null\nc:\n',
  'just a string',
  '123',
  '"quoted"',
  '- a\n- b\n',
  '[1, 2]',
  '? a\n: b\n',
  '? a\n',
  'a b: c d\n',
  'url: http://example.com:8080/path?q=1#frag\n',
  'a: b:c\n',
  'a: b :c\n',
  'a:b\n',
  'a :1\n',
  'a : 1\n',
  'a: -1\nb: +2\nc: -\n',
  'a: ?b\nb: :c\nc: -d\n',
  'a: b @c `d`\n',
  'key: value # comment: with colon\n',
  'a: 1 #c\n#c2\nb: 2\n',
  'a: 1#c\n',
  '#c\na: 1\n',
  'a: #c\n  b: 1\n',
  'a: [1,#c\n 2]\n',
  'a: [1, 2]#c\n',
  'a: [1, 2] #c\n',
  'a: "x"#c\n',
  'a: "x" #c\n',
  "a: 'x'#c\n",
  '- #c\n  a\n',
  '  a: 1\n  b: 2\n',
  ' a: 1\nb: 2\n',
  'a:\n- b\n- c\n',
  'a:\n  - b\n  - c\n',
  'a: b\n  c\n',
  'a: b\n\n  c\n',
  'a: "b\n  c"\n',
  "a: 'it''s'\n",
  "a: 'it's'\n",
  'a: "say \\"hi\\""\n',
  'a: \'\'\nb: ""\n',
  'a: yes\nb: No\nc: on\nd: OFF\ne: y\n',
  'a: 0x1F\nb: 0o17\nc: 017\nd: 1_000\ne: 1e3\nf: .5\n',
  'a: .nan\n',
  'a: .inf\nb: -.Inf\n',
  'a: [.inf]\n',
  '.nan: x\n',
  '.inf: y\n',
  '2001-01-01: x\n',
  'a: 2001-12-14t21:59:43.10-05:00\n',
  'a: 12345678901234567890\n',
  'a: 1.0\nb: 100000000000000000000000.0\n',
  '1: a\n2.5: b\ntrue: c\n~: d\n',
  '0x10: a\n16: b\n',
  // (not '1: x\n"1": y': the int and the string key both become "1", and which value survives
  // follows Go's random map order)
  'a: [a: b]\n',
  'a: [a b, c]\n',
  'a: [a\n  b]\n',
  '{a: 1,\n b: 2}\n',
  '{a: {b: {c: [1, 2, {d: e}]}}}\n',
  'a: {b: 1, c: [2, 3], d: "e", \'f\': g}\n',
  '{"a": 1, "b": [true, null]}\n',
  '{a: 1, b: 2,}\n',
  '[a, b,]\n',
  '{? a: b}\n',
  '{? a}\n',
  '[? a]\n',
  '[? a : b]\n',
  '{a: }\n',
  '{a}\n',
  '{a, b}\n',
  '{: b}\n',
  '[a: 1, b: 2]\n',
  '{a\n: b}\n',
  'a:\n  b:\n    c:\n      d:\n        e: 1\n',
  '-\n',
  '- \n',
  '- - a\n  - b\n- c\n',
  '- a: 1\n  b: 2\n- c: 3\n',
  '- [a, b]\n- {c: d}\n',
  '-a\n',
  '--\n',
  '- -\n',
  '- - - a\n',
  '? - a\n  - b\n: c\n',
  '? a\n? b\n',
  '?\n: x\n',
  ': x\n',
  'a: 1\n: 2\n',
  '?',
  ':',
  '-',
  '- ',
  '[',
  '{',
  ']',
  '}',
  ',',
  '|',
  '>',
  '!',
  '&',
  '*',
  '@',
  '`',
  '%',
  '"',
  "'",
  '#',
  'a: ,b\n',
  'a: ,\n',
  'a: [,]\n',
  // --- CRLF, CR, BOM, NEL, LS, PS ---------------------------------------------------------
  'a: 1\r\nb: 2\r\n',
  'a: |\r\n  x\r\n  y\r\nb: >\r\n  p\r\n  q\r\n',
  'a: 1\rb: 2\r',
  'a:\r\n  b: 1\r\n c: 2\r\n',
  'a: "x\r\n  y"\r\n',
  'a: [1,\r\n 2\r\n',
  'a: 1\r\nb: c: d\r\n',
  '\uFEFFa: 1\n',
  '\uFEFF',
  '\uFEFF\n',
  '\uFEFF\uFEFFa: 1\n',
  'a: 1\n\uFEFFb: 2\n',
  'a: x\uFEFFy\n',
  'a: x\u0085b: y\n',
  'a: x\u2028b: y\n',
  'a: x\u2029b: y\n',
  'a: "x\u2028y"\n',
  'a:\u0085  b: 1\n',
  // --- control characters ---------------------------------------------------------------
  'a: \u0001\n',
  'a: "\u0000"\n',
  'a: 1\u0000',
  'a: 1\n\u0000\n',
  'a: 1\u007f\n',
  '\u0007',
  'a: "\u001b[31mred"\n',
  'a: x\uFFFE\n',
  'a: x\uFFFF\n',
  'a: 1\nb: 2\nc: \u0008\n',
  'a: \u0080\n',
  'a: \u009f\n',
  'a: \u00a0x\n',
  '\u000b',
  'a: \u000c\n',
  'a: "\ud7ff\ue000\ufffd"\n',
  // go-yaml decodes its input 512 bytes at a time: a control character in a later piece loses to a
  // scanner error in an earlier one, and wins over one further on
  `a: b: c\n${'x: 1\n'.repeat(200)}bad: \u0001\n`,
  `${'x: 1\n'.repeat(98)}a: b: c\n${'y: 2\n'.repeat(3)}bad: \u0001\n`,
  `${'x: 1\n'.repeat(103)}a: b: c\nbad: \u0001\n`,
  `${'é: 1\n'.repeat(90)}a: b: c\nbad: \u0001\n`,
  // a byte-order mark inside the text: go-yaml skips one only when its buffer happens to start there
  `${'x: 1\n'.repeat(102)}\ufeffb: 2\n`,
  `${'x: 1\n'.repeat(101)}xx: 1\n\ufeffb: 2\n`,
  // --- non-ASCII --------------------------------------------------------------------------
  'name: héllo wörld\n',
  'ключ: значение\n',
  '键: 值\n列表:\n  - 一\n  - 二\n',
  '😀: "\\U0001F600"\n',
  'a: "\\u00e9\\u4e2d"\n',
  'ключ: значение: x\n',
  'ä: "é\\q"\n',
  'ä\tb: c\n',
  'ünïcödé:\n  - ä\n  b: c\n',
  '日本語: [一, 二\n',
  'emoji: 🎉🎉\n  bad: x\n',
  // --- tabs --------------------------------------------------------------------------------
  '\ta: 1\n',
  '\t\na: 1\n',
  '\t\t\n\ta: 1\n',
  'a:\n\tb: 1\n',
  'a:\n  b: 1\n\tc: 2\n',
  'a: 1\t# comment\n',
  'a:\t1\n',
  'a\t: 1\n',
  'a: 1\t\n',
  'a: 1\n\t\nb: 2\n',
  'a: |\n\tx\n',
  'a: |\n  x\n\ty\n',
  'a: |\n  x\n\t\n',
  'a: |2\n\tx\n',
  'a: |\n  \tx\n',
  '- a\n-\tb\n',
  '-\ta\n',
  'a: b\n\tc\n',
  'a:\n  b: c\n\t d\n',
  'key:\n  - a\n\t- b\n',
  '[a,\n\tb]\n',
  '{a: 1,\n\tb: 2}\n',
  'a: "x\n\ty"\n',
  "a: 'x\n\ty'\n",
  'a:\n    b: c\n  \td: e\n',
  'spec:\n  containers:\n\t- name: app\n',
  // --- wrong indentation ------------------------------------------------------------------
  'a:\n  b: 1\n c: 2\n',
  'a: 1\n b: 2\n',
  'a:\n  b: 1\n   c: 2\n',
  'a:\n  - b\n - c\n',
  '- a\n - b\n',
  '- a\n  - b\n',
  '- a\nb: c\n',
  'a: 1\n- b\n',
  'list:\n  - name: x\n   value: y\n',
  'list:\n  - name: x\n     value: y\n',
  'spec:\n  containers:\n  - name: a\n    image: b\n   ports: []\n',
  'a:\n  - b\n  c: d\n',
  'a:\n  b\n  c: d\n',
  'a: b\nc\n',
  'a: b\nc\nd: e\n',
  'a\nb: c\n',
  'a: b\n- c\n',
  'a: b\n c: d\n',
  'a:\n  b:\n    c: 1\n   d: 2\n',
  'a:\n  b:\n    c: 1\n  d: 2\n e: 3\n',
  'x:\n  y:\n    z:\n      - 1\n      - 2\n     - 3\n',
  '- a\n- b\n  c: d\n',
  '- a: 1\n b: 2\n',
  '- a: 1\n   b: 2\n',
  'a:\n  b: 1\n\n\n c: 2\n',
  // --- key: value: other ----------------------------------------------------------------
  'key: value: other\n',
  'a:\n  b: c: d\n',
  '- a: b: c\n',
  'a: "b": c\n',
  "a: 'b': c\n",
  'a: "b" c\n',
  'a: [b]: c\n',
  'a: {b}: c\n',
  'a: b: c: d\n',
  'a:b: c\n',
  'x: 1\ny: 2\nz: foo: bar\n',
  '[a, b: c: d]\n',
  '{a: b: c}\n',
  // --- unclosed quotes / brackets, stray closers -------------------------------------------
  'a: "unclosed\n',
  "a: 'unclosed\n",
  'a: "x\nb: 2\n',
  "a: 'x\nb: 2\n",
  'a: [1, 2\n',
  'a: {b: 1\n',
  'a: [1, 2\nb: 3\n',
  'a: {b: 1, c\n',
  'a: {b: 1, c: [2\n',
  'a: [[1]\n',
  'a:\n  b:\n    - [1, 2\n    - 3\n',
  '"',
  '"abc',
  "'abc",
  'a: "x\n---\ny"\n',
  "a: 'x\n...\n'\n",
  'a: "x\n--- y"\n',
  'a: "x\n---y"\n',
  'a: 1\n}\n',
  'a: 1\n]\n',
  'a: ]\n',
  'a: }\n',
  'a: b]\n',
  'a: b}\n',
  'a: [1]]\n',
  'a: {b: 1}}\n',
  '- ]\n',
  '- }\n',
  'a: [1}\n',
  'a: {b: 1]\n',
  ']\na: 1\n',
  'a:\n  b: [1, 2]]\n',
  'a:\n  - x\n  - y]\n',
  // --- flow collections ---------------------------------------------------------------------
  '[a, , b]\n',
  '[,]\n',
  '{,}\n',
  '[, a]\n',
  '{a: 1, , b: 2}\n',
  '{a b}\n',
  '{a: [b, c}\n',
  '[a b]\n',
  '[a\nb]\n',
  '{a: 1 b: 2}\n',
  '[{a: 1}, {b: 2]\n',
  '{"a": 1, "b" 2}\n',
  '{"a": 1 "b": 2}\n',
  '["a" "b"]\n',
  '[- a]\n',
  '[a, - b]\n',
  '{a: - b}\n',
  '[a]: x\n',
  '[a, b]: c\n',
  '{a: 1}: x\n',
  '? [a, b]\n: c\n',
  '? {x: 1}\n: c\n',
  'a:\n  [1, 2]: x\n',
  'a: [\n  1,\n  2\n]\n',
  'a: [\n1,\n2\n]\n',
  'a: {\nb: 1\n}\n',
  'a: [1, 2,\n---\n]\n',
  'a: [1, 2,\n...\n]\n',
  'a: [1, {b: 2, c: [3, {d: ]}]}\n',
  'a: [1, 2] b\n',
  'a: {b: c} d\n',
  'a: [1, 2]\n  b: 3\n',
  '[a, [b, c], {d: e}, "f", \'g\', h i]\n',
  'a: [*x]\n',
  'a: [&x 1, *x]\n',
  'a: [!!str 1, !!int "2"]\n',
  'a: {? b}\n',
  'a: [b, ? c]\n',
  'a: [b,c\n,d]\n',
  'a: [b\n  ,c]\n',
  '[\n]\n',
  '{\n}\n',
  // --- double-quoted escapes ----------------------------------------------------------------
  'a: "\\q"\n',
  'a: "\\x4"\n',
  'a: "\\xZZ"\n',
  'a: "\\u12"\n',
  'a: "\\u12G4"\n',
  'a: "\\uD800"\n',
  'a: "\\uDFFF"\n',
  'a: "\\U00110000"\n',
  'a: "\\U0010FFFF"\n',
  'a: "\\x41\\u0042\\U00000043"\n',
  'a: "\\/"\n',
  'a: "\\ "\n',
  'a: "\\\t"\n',
  'a: "\\N\\_\\L\\P\\0\\a\\b\\e\\f\\v\\r\\n\\t\\"\\\\"\n',
  'a: "x\\\n  y"\n',
  'a: "C:\\path"\n',
  'path: "C:\\Users\\me"\n',
  'path: "C:\\\\Users\\\\me"\n',
  "path: 'C:\\Users\\me'\n",
  'path: C:\\Users\\me\n',
  'a:\n  b:\n    c: "\\d"\n',
  '[ "\\z" ]\n',
  '{a: "\\x", b: 1}\n',
  'a: 1\nb: 2\nc: "ok"\nd: "bad \\. escape"\n',
  'regex: "^\\d+$"\n',
  'a: "\\\n',
  'a: "\\',
  'a: "\\u',
  'a: "\\x0"',
  // --- anchors and aliases ------------------------------------------------------------------
  'a: *unknown\n',
  'a: &x 1\nb: *y\n',
  'a: &x 1\nb: &x 2\nc: *x\n',
  'a: & 1\n',
  'a: * \n',
  'a: *\n',
  'a: &\n',
  'a: &x\n',
  'a: &x.y 1\n',
  'a: *x.y\n',
  'a: &x 1\nb: *x.y\n',
  'a: &x-y 1\nb: *x-y\n',
  'a: &x_1 1\nb: *x_1\n',
  'a: &x 1\nb: *x\n',
  'a: &x k\n*x: v\n',
  'a: &x k\n*x : v\n',
  'a: &x *y\n',
  'a: &x [*x]\n',
  'a: &x {b: *x}\n',
  'a: &x\n  b: *x\n',
  'a: &anc\n  b: 1\nc: *anc\n',
  '[&x a, *x]\n',
  'a: &x: 1\n',
  'a: &x, 1\n',
  'a: [&x, 1]\n',
  'a: &x]\n',
  'a: *x@\n',
  'a: *x`\n',
  'a: &é 1\n',
  'a: &x\tb\n',
  'a: *x\nb: &x 1\n',
  'a:\n  - &a 1\n  - *a\n  - *b\n',
  '&a a: b\n*a : c\n',
  '&a [1]: b\n',
  'a: &x !!str 1\nb: !!str &y 2\nc: [*x, *y]\n',
  'a: !!str *x\n',
  'x: &x 1\na: &y *x\n',
  billionLaughs,
  someAliases,
  // --- tags -------------------------------------------------------------------------------------
  'a: !<tag:yaml.org,2002:str> 1\n',
  'a: !<tag:yaml.org,2002:int> "12"\n',
  'a: !<x\n',
  'a: !<x y>\n',
  'a: !<>\n',
  'a: !<x>y\n',
  'a: !<!> x\n',
  'a: !foo!bar x\n',
  'a: !e!x 1\n',
  'a: !!str\n',
  'a: !!str 1\nb: !!str true\nc: !!str ~\n',
  'a: !!int foo\n',
  'a: !!int 0x1F\n',
  'a: !!int "12"\n',
  'a: !!int 1.5\n',
  'a: !!float bar\n',
  'a: !!float 1\n',
  'a: !!bool maybe\n',
  'a: !!bool yes\n',
  'a: !!null x\n',
  'a: !!null ""\n',
  'a: !!binary aGVsbG8=\n',
  'a: !!binary @@@\n',
  'a: !!binary |\n  aGVs\n  bG8=\n',
  'a: !!binary "not base64!"\n',
  'a: !!map {}\n',
  'a: !!seq []\n',
  'a: !!map [1]\n',
  'a: !!seq {b: 1}\n',
  'a: !!str [1]\n',
  'a: !!str {b: 1}\n',
  'a: !!int [1]\n',
  'a: !custom x\n',
  'a: !custom [1]\n',
  'a: ! x\n',
  'a: ! 1\n',
  'a: !\n',
  'a: !!\n',
  'a: !a!\n',
  'a: !a! x\n',
  'a: !%41 x\n',
  'a: !%ZZ x\n',
  'a: !%4 x\n',
  'a: !%FF x\n',
  'a: !%C3%28 x\n',
  'a: !%C3%A9 x\n',
  'a: !%C3 x\n',
  'a: !x{ y\n',
  'a: !x,y z\n',
  'a: [!x, y]\n',
  'a: !x"y" z\n',
  'a: !!timestamp 2001-12-14\n',
  'a: !!timestamp foo\n',
  'a: !!merge x\n',
  'a: !!float .nan\n',
  '!tag\n',
  '!!map\n',
  '!!str\n---\n',
  '!foo [1]\n',
  '!!binary aGk=: x\n',
  'a: !<!foo> x\n',
  '- !!str\n- !!int\n',
  'a: !!int\n',
  'a: !!float\n',
  'a: !!bool\n',
  // --- directives ------------------------------------------------------------------------------
  '%YAML 1.1\n---\na: 1\n',
  '%YAML 1.2\n---\na: 1\n',
  '%YAML 1.0\n---\na: 1\n',
  '%YAML 1.1\n%YAML 1.1\n---\na: 1\n',
  '%YAML 2.0\n---\na: 1\n',
  '%YAML 1\n---\na: 1\n',
  '%YAML 1.\n---\na: 1\n',
  '%YAML .1\n---\na: 1\n',
  '%YAML x\n---\n',
  '%YAML\n---\n',
  '%YAML \n---\n',
  '%YAML 123.1\n---\n',
  '%YAML 12.1\n---\n',
  '%YAML 1.123\n---\n',
  '%YAML 01.01\n---\na: 1\n',
  '%YAML 1x1\n---\n',
  '%YAML 1.1 extra\n---\na: 1\n',
  '%YAML 1.1 # comment\n---\na: 1\n',
  '%YAML 1.1#comment\n---\na: 1\n',
  '%YAML   1.1   \n---\na: 1\n',
  '%YAML\t1.1\n---\na: 1\n',
  '%FOO bar\n---\na: 1\n',
  '%FOO\n---\n',
  '% YAML 1.1\n---\n',
  '%YA.ML 1.1\n---\n',
  '%YAML: 1.1\n---\n',
  '%\n',
  '%',
  '%YAML 1.1\na: 1\n',
  '%YAML 1.1\n',
  '%YAML 1.1',
  '%YAML 1.1\n...\n',
  '%TAG !e! tag:example.com,2000:app/\n---\na: !e!foo x\n',
  '%TAG !e! tag:x\n%TAG !e! tag:y\n---\na: 1\n',
  '%TAG ! tag:x,2000:\n---\na: !foo b\n',
  '%TAG !! tag:x:\n---\na: !!foo b\n',
  '%TAG !! tag:x:\n%TAG !! tag:y:\n---\na: 1\n',
  '%TAG e! tag:x\n---\na: 1\n',
  '%TAG !e tag:x\n---\na: 1\n',
  '%TAG !e!x tag:y\n---\na: 1\n',
  '%TAG !e!\n---\n',
  '%TAG !e! \n---\n',
  '%TAG\n---\n',
  '%TAG \n---\n',
  '%TAG !e! tag:x{\n---\n',
  '%TAG !e! tag:x y\n---\n',
  '%TAG !e! tag:x # c\n---\na: 1\n',
  '%TAG !e! %41\n---\na: !e!b c\n',
  '%TAG !e! %ZZ\n---\n',
  '%TAG !e! %FF\n---\n',
  '%TAG !e! %C3%28\n---\n',
  '%TAG !e!\ttag:x\n---\na: 1\n',
  '%TAG !é! tag:x\n---\n',
  '%YAML 1.1\n%TAG !e! tag:x:\n---\na: !e!y 1\n',
  '%TAG !e! tag:x:\n---\na: 1\n---\nb: !e!y 2\n',
  'a: 1\n%YAML 1.1\n',
  'a: 1\n%TAG !e! tag:x\n',
  'a: %x\n',
  '- a\n%x\n',
  ' %YAML 1.1\n---\n',
  '%YAML 1.1\n--- a\n',
  '%YAML 1.1\n---\na: 1\n...\n%YAML 1.1\n---\nb: 2\n',
  // --- documents and markers -------------------------------------------------------------------
  'a: 1\n---\nb: 2\n',
  'a: 1\n---\nb: [\n',
  'a: 1\n---\nb: c: d\n',
  'a: 1\n---\n"unclosed\n',
  'a: 1\n--- "unclosed\n',
  'a: 1\n---\n\tb\n',
  'a: 1\n--- !\n',
  'a: 1\n--- ]\n',
  'a: 1\n---\n]\n',
  'a: 1\n---\n%YAML 1.1\n',
  'a: 1\n...\nb: 2\n',
  'a: 1\n...\n',
  'a: 1\n...\n...\n',
  'a: 1\n...\nfoo\n',
  'a: 1\n... #c\n',
  'a: 1\n... x\n',
  'a: 1\n...x\n',
  'a: 1\n...\n%YAML 1.1\n---\nb: 2\n',
  'a: 1\n...\n---\nb: 2\n',
  '---\na: 1\n...\n---\nb: 2\n',
  '--- a: 1\n',
  '--- {a: 1}\n',
  '--- |\n  x\n',
  '--- >\n  x\n',
  '---a: 1\n',
  '---\t\na: 1\n',
  '--- # c\na: 1\n',
  '----\na: 1\n',
  '...',
  '...\n...\n',
  '...\na: 1\n',
  'a: ---\n',
  'a: ...\n',
  'a: 1\n--- \n',
  '---\n---\n',
  '---\n---\na: 1\n',
  'a: |\n  x\n---\nb\n',
  "a: 'x\n--- y'\n",
  'a:\n---\n',
  'a:\n  b: 1\n---\n  c: 2\n',
  '- a\n---\n- b\n',
  '---\n- a\n',
  ' ---\na: 1\n',
  'a: 1\n ---\n',
  'a:\n  ---\n',
  'a:\n  - ---\n',
  '--- !!str\n',
  '--- &a\n',
  '--- *a\n',
  // --- block scalars --------------------------------------------------------------------------
  'a: |0\n  x\n',
  'a: |-0\n  x\n',
  'a: |+0\n  x\n',
  'a: >0\n  x\n',
  'a: |10\n  x\n',
  'a: |2\n  x\n',
  'a: |1\n  x\n',
  'a: |3\n  x\n',
  'a: |+\n  x\n\n',
  'a: |-\n  x\n\n',
  'a: |2-\n   x\n',
  'a: |-2\n   x\n',
  'a: |2+\n   x\n\n',
  'a: >-\n  x\n  y\n',
  'a: >+\n  x\n\n  y\n\n\n',
  'a: |x\n  y\n',
  'a: | x\n  y\n',
  'a: |  # comment\n  x\n',
  'a: |#c\n  x\n',
  'a: |++\n  x\n',
  'a: |-+\n  x\n',
  'a: |--\n  x\n',
  'a: |2 x\n   y\n',
  'a: |\n x\n  y\n',
  'a: |\n  x\n y\n',
  'a: |\n  x\n b: 1\n',
  'a: |\n\n  x\n',
  'a: |\n   \n  x\n',
  'a: |\n  x\n   \n',
  'a:\n  b: |\n    x\n  c: 1\n',
  'a:\n  b: |\n    x\n   c: 1\n',
  '- |\n  x\n- >\n  y\n',
  'a: >\n  x\n\n  y\n   z\n',
  'a: |\n',
  'a: |',
  'a: >',
  '|\n  x\n',
  '>\n  folded\n  text\n',
  '|',
  '|-',
  'a: |\n  line1\n  line2\nb: |\n  line3\n',
  'a: |\n    deeper\n  shallow\n',
  'a: |2\n    x\n  y\n',
  'a: | # c\n  x\n # not comment\n',
  'a: |\n  x\n# comment\nb: 1\n',
  'a: |\n  x\n  # not comment\n',
  'a: [|\n  x]\n',
  'a: {b: |\n  x}\n',
  'a: >\n  x\n\t\n',
  'a: |\r\n  x\r\n',
  'data:\n  script.sh: |\n    #!/bin/bash\n    echo "hi: there"\n    if [ -f x ]; then\n      exit 1\n    fi\n',
  'a: |\n  {{ .Values.x }}\n  - y\n',
  'a: >x\n',
  'a: |\u00e9\n',
  // --- plain-scalar and misc ------------------------------------------------------------------
  'a: -\n',
  'a: - \n',
  'a: - b\n',
  'a: ? b\n',
  'a: @x\n',
  'a: `x`\n',
  'a: %x\n',
  'a: !x y: z\n',
  'a: |x: y\n',
  '- a\n-b\n',
  'a: 1\nb: 2\nc: 3\n@d: 4\n',
  'a: b # c\n  d: e\n',
  'a:\n  - b\n  -c\n',
  'a: b\n#\n  c: d\n',
  '? a\n? b: c\n',
  '? |\n  x\n: y\n',
  '? a\n: b\n: c\n',
  '- ? a\n  : b\n',
  'a: ? b\n  : c\n',
  'a:\n  ? b\n  : c\n',
  '[a]\n[b]\n',
  '"a"\n"b"\n',
  '"a": 1\n"b"\n',
  "'a': 1\n'b': 2\n",
  '"a"b: c\n',
  '"a" b: c\n',
  '"a":b\n',
  '{"a":b}\n',
  '{a:b}\n',
  '{a:1, b:2}\n',
  '[a:b]\n',
  'a: "b"\nc: \'d\'\ne: f\n',
  // --- Helm-template-like mistakes ---------------------------------------------------------
  'image: {{ .Values.image }}\n',
  'name: {{ include "x" . }}\n',
  'a: {{ .x }}-suffix\n',
  'annotations:\n  checksum/config: {{ sha }}\n',
  'labels:\n  {{- include "labels" . | nindent 4 }}\n',
  'a: "{{ .Values.x }}"\n',
  'a: {{ .Values.x | quote }}\n',
  'env:\n  - name: X\n    value: {{ .Values.x }}\n',
  'data:\n  key: value\n  {{- range .Values.list }}\n  - {{ . }}\n  {{- end }}\n',
  'a: [{{ .x }}]\n',
  'replicas: {{ .Values.replicas }}\n',
  // --- merge keys ---------------------------------------------------------------------------
  '<<: 1\n',
  '<<: [1, 2]\n',
  'a:\n  <<: x\n',
  'a:\n  <<: [*unknown]\n',
  'b: &b [1]\na:\n  <<: *b\n',
  'b: &b 1\na:\n  <<: *b\n',
  'b: &b {x: 1}\na:\n  <<: [*b, 2]\n',
  'b: &b {x: 1}\na:\n  <<: [*b, [1]]\n',
  'b: &b {x: 1}\nc: &c {y: 2}\na:\n  <<: [*b, *c]\n  z: 3\n',
  'b: &b {x: 1}\na:\n  <<: *b\n  x: 2\n',
  'a:\n  <<: {x: 1}\n  x: 2\n',
  '<<: {a: 1}\n',
  'a:\n  <<: ~\n',
  'a:\n  <<: [[1]]\n',
  'a:\n  <<: !!map {x: 1}\n',
  'a:\n  <<: [{x: 1}, {y: 2}]\n',
  'a:\n  <<: []\n',
  'a:\n  <<: {}\n',
  'a:\n  <<: "x"\n',
  'a:\n  "<<": {x: 1}\n',
  'a:\n  !!merge <<: {x: 1}\n',
  'a: [<<]\n',
  '- <<: {a: 1}\n',
  'b: &b {x: 1}\na:\n  <<: *b\n  <<: {y: 2}\n',
  // --- keys that are maps / sequences / non-strings; duplicate keys ----------------------------
  '? - a\n  - b\n: c\n',
  '? a: b\n: c\n',
  'a:\n  ? [x]\n  : y\n',
  '{[1]: 2}\n',
  '{{a: 1}: 2}\n',
  '[[1]: 2]\n',
  'a: 1\na: 2\n',
  'a: {b: 1, b: 2}\n',
  'a:\n  b: 1\n  b: 2\n',
  '{a: 1, a: 2}\n',
  'a: 1\n"a": 2\n',
  '1: x\n1: y\n',
  'true: x\nTrue: y\n',
  '~: a\nnull: b\n',
  '"": a\n',
  '? ""\n: a\n',
  '? \n: a\n',
  '1.5: a\n1.50: b\n',
  '18446744073709551616: big\n',
  '- a\n- a\n',
  'a: &k x\n*k : y\n',
  // --- a possible simple key left pending across lines (go-yaml v2.2.4 drops stale simple keys
  // --- on every token fetch; v2.3+ only checks the key at the queue head, so lines may differ)
  'a: 1\n{}\nb: 2\n',
  'a: 1\n{}\n\nb: 2\n',
  'a: 1\n{}\n\n\nb: 2\n',
  'a: 1\n[]\nb: 2\n',
  'a: 1\n"x"\nb: 2\n',
  "a: 1\n'x'\n\nb: 2\n",
  'a: 1\nfoo\nb: 2\n',
  'a: 1\nfoo\n\n\nb: 2\n',
  'a: 1\n{}\n',
  '{}\nb: 2\n',
  '[]\n\nb: 2\n',
  'a: 1\n{b: 1,\n c: 2}\nd: 3\n',
  'a: 1\n[1,\n 2]\n\nd: 3\n',
  '- a\n{}\n- b\n',
  'a:\n  {}\n  b: 1\n',
  'a:\n  b: 1\n  {}\n\n  c: 2\n',
  '{a: 1}\n{b: 2}\n',
  'x\ny\nz: 1\n',
  'a: b\n"c"\n"d": e\n',
  'a: |\n{\n  b\n  c\nd: {e: 1}\n',
  'a: |\r{\n  b\r\n  c\r\nd: {e: 1}\r\n',
  'a: 1\n{}\n# comment\nb: 2\n',
  'a: 1\n{} # comment\n\nb: 2\n',
  'a:\n  - 1\n{}\n  - 2\nb: 3\n',
  '{' + 'a'.repeat(1100) + ': b}\n',
  '[' + 'a'.repeat(1100) + ': b]\n',
  'a: 1\n' + 'b'.repeat(1100) + ' : c\n',
  // --- long lines / depth -------------------------------------------------------------------------
  'a: ' + 'x'.repeat(5000) + '\n',
  'k'.repeat(1030) + ': v\n',
  'k'.repeat(1020) + ': v\n',
  '"' + 'k'.repeat(1030) + '": v\n',
  '{' + 'k'.repeat(1030) + ': v}\n',
  'a: "' + 'y'.repeat(3000) + '"\n',
  'a: [' + 'b, '.repeat(600) + 'c]\n',
  'a: b\n' + 'c'.repeat(1100) + '\n',
  'a: ' + 'word '.repeat(400) + 'end\nb: 2\n',
  'a: ' + '['.repeat(50) + ']'.repeat(50) + '\n',
  '['.repeat(10001),
  '['.repeat(10001) + ']'.repeat(10001),
  '['.repeat(10000) + ']'.repeat(10000),
  'a: ' + '['.repeat(10000) + ']'.repeat(10000) + '\n',
  'a: ' + '{b: '.repeat(200) + '1' + '}'.repeat(200) + '\n',
  '- '.repeat(10001) + 'x\n',
  '- '.repeat(10000) + 'x\n',
  'a:\n' + Array.from({ length: 100 }, (_, i) => ' '.repeat(2 * (i + 1)) + `k${i}:`).join('\n') + ' x\n',
  Array.from({ length: 300 }, (_, i) => `key${i}: value${i}`).join('\n') + '\nbroken: [\n',
  Array.from({ length: 300 }, (_, i) => `key${i}: value${i}`).join('\n') + '\n  bad: indent\n',
];

// ---------------------------------------------------------------------------------------------
// Part B: mutation fuzz
// ---------------------------------------------------------------------------------------------

const baseDocuments = [
  // 0: values.yaml with comments, nested maps and lists
  `# Default values for mychart.
replicaCount: 1

image:
  repository: nginx
  pullPolicy: IfNotPresent
  # Overrides the image tag whose default is the chart appVersion.
  tag: ""

imagePullSecrets: []
nameOverride: ""

serviceAccount:
  create: true
  annotations: {}
  name: ""

podAnnotations: {}

securityContext: {}
  # capabilities:
  #   drop:
  #   - ALL

service:
  type: ClusterIP
  port: 80

ingress:
  enabled: false
  hosts:
    - host: chart-example.local
      paths:
        - path: /
          pathType: ImplementationSpecific
  tls: []

resources:
  limits:
    cpu: 100m
    memory: 128Mi

nodeSelector: {}
tolerations: []
`,
  // 1: Deployment manifest
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/instance: "release-1"
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: "nginx:1.25"
          ports:
            - containerPort: 8080
              protocol: TCP
          env:
            - name: GREETING
              value: 'hello, world'
            - name: DEBUG
              value: "false"
          args: ["--port", "8080", "--verbose"]
`,
  // 2: ConfigMap with block scalars
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
data:
  nginx.conf: |
    server {
      listen 80;
      location / {
        return 200 'ok';
      }
    }
  script.sh: |-
    #!/bin/sh
    echo "starting: $1"
    exit 0
  folded: >
    this is a long
    folded paragraph

    with a second one
  keep: |+
    trailing

`,
  // 3: flow collections everywhere
  `matrix: {os: [linux, darwin, windows], arch: [amd64, arm64]}
ports: [80, 443, {name: metrics, port: 9090}]
empty: {a: [], b: {}, c: ""}
nested: [[1, 2], [3, [4, 5]], {x: [6]}]
quoted: ["a, b", 'c: d', "e # f"]
`,
  // 4: anchors, aliases, merge keys
  `defaults: &defaults
  adapter: postgres
  host: localhost
  pool: 5

development:
  <<: *defaults
  database: dev_db

test:
  <<: [*defaults]
  database: test_db

list: &items
  - one
  - two
copy: *items
`,
  // 5: quoted strings with escapes
  `single: 'it''s here'
double: "tab\\there\\nnewline \\"quoted\\" \\u00e9 \\x41"
url: "http://example.com/a?b=c&d=e"
path: 'C:\\Program Files\\app'
multi: "first line
  continued line"
colon: "key: value"
hash: "# not a comment"
empty1: ''
empty2: ""
`,
  // 6: Service + multi-document
  `apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  type: ClusterIP
  ports:
    - port: 80
      targetPort: http
      name: http
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
`,
  // 7: scalars of all kinds
  `string: hello
integer: 42
negative: -17
float: 3.14
exp: 6.02e+23
octal: 0755
hex: 0xFF
bool: true
yes: yes
nullish: ~
date: 2024-01-01
time: 12:30:45
version: "1.0"
`,
  // 8: sequences of mappings, nested sequences
  `rules:
  - apiGroups: [""]
    resources: ["pods", "services"]
    verbs: ["get", "list", "watch"]
  - apiGroups:
      - apps
    resources:
      - deployments
    verbs:
      - get
matrix:
  - - 1
    - 2
  - - 3
    - 4
`,
  // 9: complex keys, explicit entries, tags
  `? complex key
: complex value
? [a, b]
: flow key
plain: !!str 123
number: !!int "7"
binary: !!binary aGVsbG8=
custom: !mytag value
set:
  ? x
  ? y
`,
  // 10: Chart.yaml
  `apiVersion: v2
name: mychart
description: A Helm chart for Kubernetes
type: application
version: 0.1.0
appVersion: "1.16.0"
keywords:
  - web
  - nginx
maintainers:
  - name: Jane Doe
    email: jane@example.com
dependencies:
  - name: redis
    version: ">=17.0.0"
    repository: "https://charts.example.com"
    condition: redis.enabled
`,
  // 11: directives and explicit document markers
  `%YAML 1.1
%TAG !e! tag:example.com,2024:
---
kind: Thing
spec: !e!spec
  value: 1
...
`,
  // 12: comments in odd places
  `# top comment
a: 1 # trailing
# between
b:   # after key
  - x   # item
  # inside list
  - y
c: "v" # after quoted
d: [1, 2] # after flow
# bottom
`,
  // 13: Ingress with annotations containing special characters
  `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /$2
    nginx.ingress.kubernetes.io/configuration-snippet: |
      more_set_headers "X-Frame-Options: DENY";
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  rules:
    - host: "*.example.com"
      http:
        paths:
          - path: /api(/|$)(.*)
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 80
`,
  // 14: non-ASCII, CRLF line endings
  'title: "Grüße"\r\nnames:\r\n  - Zoë\r\n  - 李雷\r\nnote: |\r\n  multi\r\n  line\r\nflow: {ä: 1, ö: [2, 3]}\r\n',
  // 15: deeply nested values
  `global:
  storage:
    class: standard
    size: 10Gi
  security:
    policies:
      - name: default
        rules:
          - allow: [read]
            deny: []
          - allow:
              - write
            when:
              user: {role: admin, "team": 'ops'}
`,
];

// mulberry32: a small seeded PRNG, so the corpus is the same on every run.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mutationTokens = [
  ' ',
  '\t',
  ':',
  '-',
  "'",
  '"',
  '{',
  '}',
  '[',
  ']',
  ',',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  '?',
  '%',
  '@',
  '`',
  '\n',
  '\\',
];
const shortStrings = [
  ': ',
  '- ',
  '  ',
  '\n ',
  '\n-',
  ' #',
  '? ',
  '{}',
  '[]',
  '""',
  "''",
  '*a',
  '&a',
  '!!',
  '\t ',
  ':\n',
];

function mutate(doc, rnd) {
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const pos = () => Math.floor(rnd() * (doc.length + 1));
  const op = Math.floor(rnd() * 6);
  switch (op) {
    case 0: {
      // delete one character (or a short run of 2-3)
      const p = Math.min(pos(), doc.length - 1);
      const n = rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 2);
      return doc.slice(0, p) + doc.slice(p + n);
    }
    case 1: {
      const p = pos();
      return doc.slice(0, p) + pick(mutationTokens) + doc.slice(p);
    }
    case 2: {
      const p = Math.min(pos(), doc.length - 1);
      return doc.slice(0, p) + pick(mutationTokens) + doc.slice(p + 1);
    }
    case 3: {
      const p = pos();
      return doc.slice(0, p) + pick(shortStrings) + doc.slice(p);
    }
    default: {
      // shift one non-empty line's indentation by -2, -1, +1 or +2 spaces
      const lines = doc.split('\n');
      const candidates = lines.map((l, i) => i).filter((i) => lines[i].trim() !== '');
      const i = pick(candidates);
      const delta = pick([-2, -1, 1, 2]);
      const indent = lines[i].length - lines[i].trimStart().length;
      if (delta > 0) lines[i] = ' '.repeat(delta) + lines[i];
      else lines[i] = lines[i].slice(Math.min(-delta, indent));
      return lines.join('\n');
    }
  }
}

function generateMutants(count, seed) {
  const rnd = mulberry32(seed);
  const seen = new Set(baseDocuments);
  const out = [];
  let guard = 0;
  while (out.length < count && guard++ < count * 20) {
    const base = baseDocuments[Math.floor(rnd() * baseDocuments.length)];
    // mostly one mutation, sometimes two
    let m = mutate(base, rnd);
    if (rnd() < 0.2) m = mutate(m, rnd);
    if (seen.has(m)) continue;
    seen.add(m);
    out.push(m);
  }
  return out;
}

const fuzzInputs = generateMutants(480, 0x5eed2024);

// Hand-written cases first, then the base documents (valid), then the mutants; duplicates removed.
export const syntaxErrorInputs = [...new Set([...handWritten, ...baseDocuments, ...fuzzInputs])];
