/** The output formats of the CLI. */
export type OutputFormat = "text" | "json" | "sarif";

/** A parsed command line. */
export interface CliOptions {
  format: OutputFormat;
  configFile?: string;
  color: boolean;
  paths: string[];
  help: boolean;
  version: boolean;
  stdio: boolean;
}

/** Either the options or the usage error to print (exit code 2). */
export type ParsedArgs = { options: CliOptions } | { error: string };

const FORMATS: readonly OutputFormat[] = ["text", "json", "sarif"];

/** The `--help` text. */
export const USAGE = `Usage: kms-context-guard [--format text|json|sarif] [--config FILE] [--no-color] PATH...
       kms-context-guard --stdio

Checks AWS KMS encryption context use in TypeScript/JavaScript code and in IAM, key and
CloudFormation policies. Directories are walked (skipping node_modules, .git, dist, out, cdk.out
and coverage); a file named explicitly is analysed whatever its extension.

Options:
  --format FORMAT  text (default), json or sarif (SARIF 2.1.0)
  --config FILE    read options from FILE instead of .kms-context-guard.json
  --no-color       plain text output (also when NO_COLOR is set or stdout is not a terminal)
  --stdio          start the language server on stdin/stdout (for editors)
  --help           show this help
  --version        show the version

Exit codes: 0 no findings at warning or above, 1 findings, 2 usage or internal error.
`;

/** Parses the arguments after the program name. */
export function parseArgs(argv: readonly string[], colorByDefault: boolean): ParsedArgs {
  const options: CliOptions = {
    format: "text",
    color: colorByDefault,
    paths: [],
    help: false,
    version: false,
    stdio: false,
  };

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const [flag, inlineValue] = arg.startsWith("--") ? splitInline(arg) : [arg, undefined];
    const takeValue = (): string | undefined => inlineValue ?? argv[++index];

    switch (flag) {
      case "--format": {
        const value = takeValue();
        if (!FORMATS.includes(value as OutputFormat)) {
          return { error: `--format must be one of ${FORMATS.join(", ")}` };
        }
        options.format = value as OutputFormat;
        break;
      }
      case "--config": {
        const value = takeValue();
        if (!value) {
          return { error: "--config needs a file name" };
        }
        options.configFile = value;
        break;
      }
      case "--no-color":
        options.color = false;
        break;
      case "--color":
        options.color = true;
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      case "--version":
      case "-v":
        options.version = true;
        break;
      case "--stdio":
        options.stdio = true;
        break;
      case "--":
        options.paths.push(...argv.slice(index + 1));
        index = argv.length;
        break;
      default:
        if (arg.startsWith("-") && arg !== "-") {
          return { error: `unknown option ${arg}` };
        }
        options.paths.push(arg);
    }
  }

  if (!options.help && !options.version && !options.stdio && options.paths.length === 0) {
    return { error: "no PATH given" };
  }
  return { options };
}

function splitInline(arg: string): [string, string | undefined] {
  const equals = arg.indexOf("=");
  return equals < 0 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}
