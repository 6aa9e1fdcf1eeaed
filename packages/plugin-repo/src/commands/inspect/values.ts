import { InspectCommand } from '../../inspect-command.js';

export default class InspectValues extends InspectCommand {
  static override summary = "Show the chart's values.yaml.";
  static override examples = [
    '<%= config.bin %> inspect values ./mychart',
    '<%= config.bin %> inspect values stable/mysql --version 1.6.9',
  ];
  protected readonly part = 'values' as const;
}
