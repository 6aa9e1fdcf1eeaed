import { InspectCommand } from '../../inspect-command.js';

export default class InspectReadme extends InspectCommand {
  static override summary = "Show the chart's README.";
  static override examples = [
    '<%= config.bin %> inspect readme ./mychart',
    '<%= config.bin %> inspect readme stable/mysql --version 1.6.9',
  ];
  protected readonly part = 'readme' as const;
}
