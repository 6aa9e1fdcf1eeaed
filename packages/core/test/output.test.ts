import assert from 'node:assert/strict';

import { formatStructured, renderTable } from '../src/sdk/output.js';

describe('output', () => {
  it('pads columns like uitable and separates them with a tab', () => {
    const text = renderTable(
      ['NAME', 'REVISION'],
      [
        ['web', '12'],
        ['a-long-name', '3'],
      ],
    );
    assert.equal(text, 'NAME       \tREVISION\nweb        \t12      \na-long-name\t3       \n');
  });

  it('cuts cells longer than the column width with "..."', () => {
    const text = renderTable(['D'], [['abcdefghij']], { maxColWidth: 6 });
    assert.equal(text.split('\n')[1], 'abc...');
  });

  it('prints JSON and YAML', () => {
    assert.equal(formatStructured({ a: [1] }, 'json'), '{\n  "a": [\n    1\n  ]\n}\n');
    assert.equal(formatStructured({ a: [1] }, 'yaml'), 'a:\n  - 1\n');
  });
});
