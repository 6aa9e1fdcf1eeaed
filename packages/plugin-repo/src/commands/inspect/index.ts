import { InspectCommand } from '../../inspect-command.js';

export default class Inspect extends InspectCommand {
  static override summary = 'Inspect a chart: its Chart.yaml and values.yaml (and README).';
  static override examples = [
    '<%= config.bin %> inspect ./mychart',
    '<%= config.bin %> inspect stable/mysql --version 1.6.9',
  ];
  protected readonly part = 'all' as const;
}
