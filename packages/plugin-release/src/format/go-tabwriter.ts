/**
 * Go's text/tabwriter, for the text Helm 2's client prints through one (`helm status`'s
 * RESOURCES): tab-terminated cells are aligned per column block (consecutive lines that have the
 * cell), a line's last cell is not aligned, and a line without tabs ends every block. Only the
 * settings Helm uses: space padding, optional TabIndent (leading empty cells, which with a tab
 * width of 0 print nothing).
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
  /** text/tabwriter.TabIndent */
  tabIndent?: boolean;
}

type Line = string[];

const width = (text: string): number => [...text].length;

function writeLines(
  out: string[],
  lines: Line[],
  widths: number[],
  from: number,
  to: number,
  options: TabwriterOptions,
) {
  for (let i = from; i < to; i++) {
    const line = lines[i];
    let useTabs = options.tabIndent === true;
    let text = '';
    line.forEach((cell, j) => {
      if (cell.length === 0) {
        // an empty cell pads with spaces, or (TabIndent, tab width 0) with nothing
        if (j < widths.length && !useTabs) text += ' '.repeat(widths[j]);
        return;
      }
      useTabs = false;
      text += cell;
      if (j < widths.length) text += ' '.repeat(Math.max(0, widths[j] - width(cell)));
    });
    out.push(text);
  }
}

function format(
  out: string[],
  lines: Line[],
  widths: number[],
  line0: number,
  line1: number,
  options: TabwriterOptions,
) {
  const column = widths.length;
  for (let current = line0; current < line1; current++) {
    if (column >= lines[current].length - 1) continue;
    // a block of lines that all have a tab-terminated cell in this column starts here
    writeLines(out, lines, widths, line0, current, options);
    line0 = current;
    let blockWidth = options.minwidth;
    for (; current < line1; current++) {
      const line = lines[current];
      if (column >= line.length - 1) break;
      blockWidth = Math.max(blockWidth, width(line[column]) + options.padding);
    }
    format(out, lines, [...widths, blockWidth], line0, current, options);
    line0 = current; // the line that ended the block has no cell here: the loop's increment skips it
  }
  writeLines(out, lines, widths, line0, line1, options);
}

/** The text as Go's tabwriter with these settings would write it. */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const out: string[] = [];
  let pending: Line[] = [];
  const rawLines = text.split('\n');
  const last = rawLines.pop() as string; // after the final newline: an unterminated line, maybe empty
  for (const raw of rawLines) {
    const line = raw.split('\t');
    pending.push(line);
    // a line of one cell flushes: the blocks above it never continue below it
    if (line.length === 1) {
      format(out, pending, [], 0, pending.length, options);
      pending = [];
    }
  }
  const tail: string[] = [];
  if (last !== '') {
    // Flush ends an unterminated line without adding its last cell when that cell is empty
    const cells = last.split('\t');
    if (cells.at(-1) === '') cells.pop();
    pending.push(cells);
  }
  format(tail, pending, [], 0, pending.length, options);
  const terminated = out.concat(last === '' ? tail : tail.slice(0, -1));
  return terminated.map((l) => `${l}\n`).join('') + (last === '' ? '' : (tail.at(-1) ?? ''));
}
