import {parseArgs} from "node:util";
import type {ParseArgsConfig} from "node:util";

/**
 * Parses a script's flags, with `--help` added: prints the usage and exits 0 on --help, or prints the error and the
 * usage and exits 1 on an unknown or malformed flag. T names the flags' values.
 */
export function parseCli<T>(options: NonNullable<ParseArgsConfig["options"]>, usage: string): T {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({options: {...options, help: {type: "boolean"}}}).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(1);
  }
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  return values as T;
}
