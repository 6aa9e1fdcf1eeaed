import { InspectCommand } from '../../inspect-command.js';

export default class InspectChart extends InspectCommand {
  static override summary = "Show the chart's Chart.yaml (as its metadata).";
  static override examples = [
    '<%= config.bin %> inspect chart ./mychart',
    '<%= config.bin %> inspect chart stable/mysql --version 1.6.9',
  ];
  protected readonly part = 'chart' as const;
}
