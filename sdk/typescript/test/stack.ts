// Starts the conformance harness (sdk/conformance/harness.py: simulator + server on free ports, a throwaway
// data dir) as a child process, and stops it by closing its standard input.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

// dist/test/stack.js -> the repository root.
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
export const SCENARIOS = join(ROOT, "sdk", "conformance", "scenarios");

export interface Stack {
  target: string;
  keys: Record<string, string>;
  stop(): Promise<void>;
}

function python(): string {
  const fromEnv = process.env.CALLWIRE_PYTHON;
  if (fromEnv) return fromEnv;
  const venv = join(ROOT, ".venv", "bin", "python");
  if (existsSync(venv)) return venv;
  throw new Error("no Python with the Callwire server: run `make setup` (or set CALLWIRE_PYTHON)");
}

export async function startStack(keyed = false): Promise<Stack> {
  const args = [join(ROOT, "sdk", "conformance", "harness.py"), ...(keyed ? ["--keyed"] : [])];
  const child = spawn(python(), args, { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  const lines = createInterface({ input: child.stdout });
  try {
    const first = await new Promise<string>((resolveLine, reject) => {
      lines.once("line", resolveLine);
      child.once("exit", (code) => reject(new Error(`the harness exited (${code}) before it was ready`)));
    });
    const info = JSON.parse(first) as { target: string; keys: Record<string, string> };
    return {
      ...info,
      async stop() {
        child.stdin.end();
        await exited;
      },
    };
  } catch (err) {
    child.kill();
    throw err;
  }
}
