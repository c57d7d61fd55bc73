/** Logs a loader's progress to stderr, so stdout carries only its output. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Runs a loader's body, turning an error into one clear message on stderr and a non-zero exit. */
export async function runLoader(body: () => Promise<Uint8Array | string>): Promise<void> {
  try {
    const output = await body();
    process.stdout.write(output);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
