import assert from 'node:assert/strict';
import { call } from './call.js';

// expected values from the real helm (Go RE2)
describe('regex functions', () => {
  it('match, find and find-all with Go empty-match rules', () => {
    assert.deepEqual(call('regexFindAll', 'a*', 'baaab', -1n), ['', 'aaa', '']);
    assert.deepEqual(call('regexFindAll', '(?m)^\\w+', 'ab cd\nef', -1n), ['ab', 'ef']);
    assert.deepEqual(call('regexFindAll', '.', 'héllo', 2n), ['h', 'é']);
    assert.equal(call('regexMatch', '^\\d+\\z', '123\n'), false);
    assert.equal(call('regexMatch', '^\\d+$', '123\n'), false);
    assert.equal(call('regexMatch', '[[:alpha:]]+', 'abc'), true);
    assert.equal(call('regexFind', '(?s)a.b', 'a\nb'), 'a\nb');
    assert.equal(call('regexFind', 'a.b', 'a\nb'), '');
    assert.equal(call('regexFind', '\\Qa.b\\E+', 'a.bbb'), 'a.bbb');
    assert.equal(call('regexFind', '(?U)a+', 'aaa'), 'a');
    assert.equal(call('regexFind', '(?i:A)b', 'aB ab'), 'ab');
    assert.equal(call('regexMatch', '(', 'x'), false);
  });

  it('replace with Go Expand rules ($1x is a group named "1x")', () => {
    assert.equal(call('regexReplaceAll', '(?i)A(b)', 'xaBy', '<$1>${1}x$1x>'), 'x<B>Bx>y');
    assert.equal(call('regexReplaceAll', 'a*', 'baaac', '-'), '-b-c-');
    assert.equal(
      call('regexReplaceAll', '(?P<first>\\w+) (?P<last>\\w+)', 'John Smith', '${last}, $first'),
      'Smith, John',
    );
    assert.equal(call('regexReplaceAll', '\\s', 'a\vb c', '_'), 'a\vb_c');
    assert.equal(call('regexReplaceAllLiteral', '(a)', 'aa', '$1'), '$1$1');
    assert.equal(call('regexReplaceAll', 'a', 'aa', '$$'), '$$');
  });

  it('split', () => {
    assert.deepEqual(call('regexSplit', 'a', 'banana', -1n), ['b', 'n', 'n', '']);
    assert.deepEqual(call('regexSplit', 'x*', 'axbc', -1n), ['a', 'b', 'c']);
    assert.deepEqual(call('regexSplit', ',', 'a,b,c', 2n), ['a', 'b,c']);
    assert.equal(call('regexQuoteMeta', 'a.b*c'), 'a\\.b\\*c');
  });

  it('reports Go parse errors', () => {
    assert.throws(() => call('regexFind', '(', 'x'), {
      message: 'regexp: Compile(`(`): error parsing regexp: missing closing ): `(`',
    });
    const errors: [string, string][] = [
      ['a\\1', 'invalid escape sequence: `\\1`'],
      ['(?=a)', 'invalid or unsupported Perl syntax: `(?=`'],
      ['a**', 'invalid nested repetition operator: `**`'],
      ['*a', 'missing argument to repetition operator: `*`'],
      ['a{1001}', 'invalid repeat count: `{1001}`'],
      ['[z-a]', 'invalid character class range: `z-a`'],
    ];
    for (const [re, msg] of errors)
      assert.throws(() => call('mustRegexMatch', re, 'x'), { message: 'error parsing regexp: ' + msg }, re);
  });
});
