// The TypeScript examples run as written (compiled, as child processes) against a running stack.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { createCallwireClient } from "../src/index.js";
import { WorkMode } from "../src/gen/callwire/agent/v1/enums_pb.js";
import { startStack } from "./stack.js";

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), "..", "examples");

test("click-to-call prints the call ID and UCID", { timeout: 120_000 }, async () => {
  const stack = await startStack();
  try {
    const child = spawn(process.execPath, [join(EXAMPLES, "click-to-call.js"), `http://${stack.target}`, "101", "102", "ticket=42"]);
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    assert.equal(code, 0, out);
    assert.match(out, /^call \d+ ucid \d{20}\n$/);
  } finally {
    await stack.stop();
  }
});

test("agent desktop answers and goes to after-call work", { timeout: 120_000 }, async () => {
  const stack = await startStack();
  const baseUrl = `http://${stack.target}`;
  const child = spawn(process.execPath, [join(EXAMPLES, "agent-desktop.js"), baseUrl, "101", "12345", "67890", "201", "1"]);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const waitFor = async (want: string) => {
    for (;;) {
      const { value, done } = await lines.next();
      assert.ok(!done, `the example ended before "${want}"`);
      if (value === want) return;
    }
  };
  try {
    const client = createCallwireClient({ baseUrl });
    await waitFor("ready");
    await client.callControl.makeCall({ extension: "102", destination: "101" });
    await waitFor("talking");
    await client.callControl.hangupCall({ extension: "102" });
    assert.equal(await exited, 0);
    const state = await client.agent.getAgentState({ extension: "101", split: "201" });
    assert.equal(state.state?.workMode, WorkMode.AFTER_CALL_WORK);
    client.close();
  } finally {
    child.kill();
    await stack.stop();
  }
});

test("the README's first call runs as written", { timeout: 120_000 }, async () => {
  const readme = readFileSync(join(EXAMPLES, "..", "..", "..", "..", "README.md"), "utf8");
  const code = readme.split("### A first call with the SDKs")[1].split("```js\n")[1].split("```")[0];
  const stack = await startStack();
  // Inside the package, so `@callwire/sdk` resolves to this build (package self-reference).
  const script = join(EXAMPLES, "..", "first-call.mjs");
  writeFileSync(script, code.replace("127.0.0.1:50051", stack.target));
  try {
    const child = spawn(process.execPath, [script]);
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    const code_ = await new Promise((resolve) => child.once("exit", resolve));
    assert.equal(code_, 0, out);
    assert.match(out, /^\d+ \d{20}\n$/);
  } finally {
    await stack.stop();
  }
});
