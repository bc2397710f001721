// gRPC-Web as a browser speaks it: Connect-ES's gRPC-Web transport (@connectrpc/connect-web, on Node's fetch)
// through the real Envoy (deploy/envoy/envoy.yaml, started by `python -m callwire_server.envoy`) to the server.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { AdminService } from "../src/gen/callwire/admin/v1/service_pb.js";
import { CallControlService } from "../src/gen/callwire/callcontrol/v1/service_pb.js";
import { EventService } from "../src/gen/callwire/events/v1/service_pb.js";
import { toCallwireError } from "../src/errors.js";
import { ROOT, startStack } from "./stack.js";

async function startEnvoy(upstream: string): Promise<{ url: string; stop(): Promise<void> }> {
  const python = process.env.CALLWIRE_PYTHON ?? join(ROOT, ".venv", "bin", "python");
  const child = spawn(python, ["-m", "callwire_server.envoy", "--upstream", upstream], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  const lines = createInterface({ input: child.stdout });
  try {
    const first = await new Promise<string>((resolveLine, reject) => {
      lines.once("line", resolveLine);
      child.once("exit", (code) => reject(new Error(`envoy helper exited (${code}) before it was ready`)));
    });
    const { url } = JSON.parse(first) as { url: string };
    return {
      url,
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

test("gRPC-Web through Envoy: unary calls, a typed error and a server stream", { timeout: 120_000 }, async () => {
  const stack = await startStack();
  try {
    const envoy = await startEnvoy(stack.target);
    try {
      const transport = createGrpcWebTransport({ baseUrl: envoy.url });
      const admin = createClient(AdminService, transport);
      const info = await admin.getServerInfo({});
      assert.match(info.version, /^Callwire/);

      const calls = createClient(CallControlService, transport);
      const made = await calls.makeCall({ extension: "101", destination: "102" });
      assert.ok(made.call?.callId);

      await assert.rejects(calls.holdCall({ extension: "103" }), (err: unknown) => {
        assert.ok(err instanceof ConnectError);
        assert.equal(err.code, Code.FailedPrecondition);
        const typed = toCallwireError(err, "", "/callwire.callcontrol.v1.CallControlService/HoldCall");
        assert.equal(typed.reason, "NO_ACTIVE_CALL");
        return true;
      });

      const events = createClient(EventService, transport);
      const abort = new AbortController();
      const stream = events.streamEvents({ devices: ["104"], includeSnapshot: true }, { signal: abort.signal });
      for await (const item of stream) {
        assert.equal(item.item.case, "snapshot");
        assert.deepEqual(
          item.item.value.devices.map((d) => d.device),
          ["104"],
        );
        break;
      }
      abort.abort();
    } finally {
      await envoy.stop();
    }
  } finally {
    await stack.stop();
  }
});
