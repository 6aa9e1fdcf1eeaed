import { Command, Interfaces } from './oclif.js';

import { describeError, exitCodeOf, HelmtsError } from './errors.js';
import { expiredRepositoryWarnings } from './expired-repositories.js';
import { globalFlags } from './flags.js';
import { HelmHome } from './home.js';
import { formatStructured, type OutputFormat, renderTable, type TableOptions } from './output.js';
import { resolveSettings, type Settings, type SettingsInput } from './settings.js';

export type HelmtsFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof HelmtsCommand)['baseFlags'] & T['flags']
>;
export type HelmtsArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

type FlagDefinitions = Interfaces.FlagInput | undefined;

/**
 * Helm 2 (pflag) gives a repeatable flag exactly one value per occurrence, so
 * `install -f prod.yaml ./chart` keeps `./chart` as the argument. oclif's repeatable flags are
 * greedy by default (they would swallow it); every command's repeatable flags are made
 * one-value-per-occurrence here, once, whichever package defines them.
 */
function oneValuePerFlag<F extends FlagDefinitions>(flags: F): F {
  if (!flags) return flags;
  const result: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(flags))
    result[name] = (flag as { multiple?: boolean }).multiple ? { ...flag, multipleNonGreedy: true } : flag;
  return result as F;
}

const GO_TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/**
 * Helm 2 (pflag) takes `--save=false` / `--debug=true` for every boolean flag; oclif takes only
 * `--save` and `--no-save`. Rewrites `--name=<Go bool>` of the command's boolean flags into oclif's
 * spelling: true is the bare flag; false is `--no-name` when the flag has one, otherwise nothing
 * (the flag's default, false). Any other value is refused in pflag's words.
 */
function goBooleans(argv: string[], ...definitions: FlagDefinitions[]): string[] {
  const booleans = new Map<string, { allowNo?: boolean; char?: string }>();
  for (const flags of definitions)
    for (const [name, flag] of Object.entries(flags ?? {})) {
      const f = flag as { type?: string; allowNo?: boolean; aliases?: string[]; char?: string };
      if (f.type !== 'boolean') continue;
      for (const n of [name, ...(f.aliases ?? [])]) booleans.set(n, { allowNo: f.allowNo, char: f.char });
    }
  const out: string[] = [];
  for (const [i, arg] of argv.entries()) {
    if (argv.slice(0, i).includes('--')) {
      out.push(arg);
      continue;
    }
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    const flag = m ? booleans.get(m[1]) : undefined;
    if (!m || !flag) out.push(arg);
    else if (!(GO_TRUE.has(m[2]) || GO_FALSE.has(m[2])))
      // pflag's words and exit code (1)
      throw new HelmtsError(
        `invalid argument ${JSON.stringify(m[2])} for "${flag.char ? `-${flag.char}, ` : ''}--${m[1]}" flag: ` +
          `strconv.ParseBool: parsing ${JSON.stringify(m[2])}: invalid syntax`,
      );
    else if (GO_TRUE.has(m[2])) out.push(`--${m[1]}`);
    else if (flag.allowNo) out.push(`--no-${m[1]}`);
  }
  return out;
}

/** Helm 2's words for a command line with too few (`missing`) or too many (`unexpected`) arguments. */
export interface ArgumentErrors {
  missing?: string;
  unexpected?: string;
  /**
   * Helm 2 reads the arguments it needs and ignores the rest (`helm status a b` shows `a`): extra
   * arguments are dropped instead of refused. (A command with no arguments reaches its run through
   * the command_not_found hook, which hands `version a` to `version`.)
   */
  ignoresExtra?: boolean;
}

/**
 * Helm 2's checkArgsLength: "This command needs 2 arguments: release name, chart path", said for
 * too few and too many alike.
 */
export function needsArguments(...names: string[]): ArgumentErrors {
  const line = `This command needs ${names.length} argument${names.length === 1 ? '' : 's'}: ${names.join(', ')}`;
  return { missing: line, unexpected: line };
}

function argumentsFromCommandLineOnly<A extends Record<string, any>>(args: A | undefined): A | undefined {
  if (!args) return args;
  return Object.fromEntries(
    Object.entries(args).map(([name, arg]) => [name, { ...arg, ignoreStdin: arg.ignoreStdin ?? true }]),
  ) as A;
}

/**
 * The base of every helmts command, core's and plugins' alike. It parses the global flags
 * into `this.settings`, gives the HELMTS_HOME layout as `this.home`, and prints errors as one
 * clear line (the stack only with --debug).
 */
export abstract class HelmtsCommand<T extends typeof Command = typeof Command> extends Command {
  static override baseFlags = globalFlags;

  /**
   * What Helm 2 says (one line, exit 1) when the arguments are missing or too many, instead of
   * oclif's usage (exit 2); a case left out keeps oclif's.
   */
  static argumentErrors: ArgumentErrors = {};

  protected settings!: Settings;
  protected home!: HelmHome;
  protected flags!: HelmtsFlags<T>;
  protected args!: HelmtsArgs<T>;

  public override async init(): Promise<void> {
    await super.init();
    const { args, flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof HelmtsCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as HelmtsFlags<T>;
    this.args = args as HelmtsArgs<T>;
    this.settings = resolveSettings(flags as SettingsInput);
    this.home = new HelmHome(this.settings.home);
    process.stderr.write(expiredRepositoryWarnings(this.home.repositoryFile));
  }

  /**
   * Every parse (this base's and a command's own `this.parse(Cmd)`) gets Helm 2's one value per
   * flag, its `--flag=false` booleans, and extra arguments dropped where Helm 2 ignores them.
   * Arguments never come from standard input (oclif takes a missing one from a piped stdin, so
   * `yes | helmts delete` would delete a release named "y"), unless an argument asks with
   * `ignoreStdin: false`; reading it also cost every command run from a script ~10 ms.
   */
  protected override parse<F extends Record<string, any>, B extends Record<string, any>, A extends Record<string, any>>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const input = options ?? (this.ctor as unknown as Interfaces.Input<F, B, A>);
    const { ignoresExtra } = (this.ctor as unknown as typeof HelmtsCommand).argumentErrors ?? {};
    return super.parse(
      {
        flags: oneValuePerFlag(input.flags),
        baseFlags: oneValuePerFlag(input.baseFlags),
        enableJsonFlag: input.enableJsonFlag,
        args: argumentsFromCommandLineOnly(input.args),
        strict: input.strict !== false && !ignoresExtra,
        context: input.context,
        '--': input['--'],
      },
      goBooleans(argv ?? this.argv, input.flags, input.baseFlags),
    );
  }

  /** Prints `data` as a table or as JSON/YAML, as `-o` asks. */
  protected printOutput<R>(
    format: OutputFormat | string | undefined,
    data: R,
    table: (data: R) => { headers: string[]; rows: string[][]; options?: TableOptions } | string,
  ): void {
    if (format === 'json' || format === 'yaml') {
      process.stdout.write(formatStructured(data, format));
      return;
    }
    const rendered = table(data);
    process.stdout.write(
      typeof rendered === 'string' ? rendered : renderTable(rendered.headers, rendered.rows, rendered.options),
    );
  }

  /** `[debug] ...` lines on stderr, only with --debug (Helm prints them the same way). */
  protected logDebug(message: string): void {
    if (this.settings?.debug) process.stderr.write(`[debug] ${message}\n`);
  }

  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    // An unknown flag in Helm 2's (pflag's) one line and exit code, not oclif's usage dump
    const unknown = (error as { flags?: unknown }).flags;
    if (/^Nonexistent flags?: /.test(error.message) && Array.isArray(unknown) && typeof unknown[0] === 'string') {
      const flag = unknown[0];
      process.stderr.write(
        flag.startsWith('--')
          ? `Error: unknown flag: ${flag.split('=')[0]}\n`
          : `Error: unknown shorthand flag: '${flag.charAt(1)}' in ${flag}\n`,
      );
      return this.exit(1);
    }
    // Too few or too many arguments in Helm 2's words and exit code, when the command gives them
    const words = (this.ctor as unknown as typeof HelmtsCommand).argumentErrors ?? {};
    const argumentError = /^Missing \d+ required arg/.test(error.message)
      ? words.missing
      : /^Unexpected arguments?: /.test(error.message)
        ? words.unexpected
        : undefined;
    if (argumentError) {
      process.stderr.write(`Error: ${argumentError}\n`);
      return this.exit(1);
    }
    // oclif's own parse errors and exits keep oclif's wording and codes.
    if (!(error instanceof HelmtsError) && (error.oclif || error.name === 'ExitError')) return super.catch(error);
    const debug = this.settings?.debug ?? process.argv.includes('--debug');
    process.stderr.write(`${describeError(error, debug)}\n`);
    return this.exit(exitCodeOf(error));
  }
}
