// The TypeScript SDK's own behaviour against the real server: every RPC has a method, typed errors with the
// request ID, and an event stream that turns an unusable resume position into a ResumeGap and a fresh snapshot.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CallwireError, SERVICES, TransportError, createCallwireClient } from "../src/index.js";
import { startStack } from "./stack.js";

test("every RPC of the contracts has a client method", () => {
  const client = createCallwireClient({ baseUrl: "http://127.0.0.1:1" });
  let count = 0;
  for (const [name, service] of Object.entries(SERVICES)) {
    for (const method of service.methods) {
      const handle = (client as unknown as Record<string, Record<string, unknown>>)[name];
      assert.equal(typeof handle[method.localName], "function", `${service.typeName}/${method.name}`);
      count += 1;
    }
  }
  assert.ok(count >= 82);
});

test("an unreachable server is a TransportError, not a hang", async () => {
  const client = createCallwireClient({ baseUrl: "http://127.0.0.1:1", timeoutMs: 5_000 });
  await assert.rejects(client.query.getTimeOfDay({}), (err: unknown) => err instanceof TransportError && err.reason === "");
  client.close();
});

test("typed errors, request IDs and a resuming event stream", { timeout: 120_000 }, async () => {
  const stack = await startStack();
  try {
    const client = createCallwireClient({ baseUrl: `http://${stack.target}` });
    await assert.rejects(
      client.callControl.holdCall({ extension: "101" }, { headers: { "x-request-id": "ts-hold-1" } }),
      (err: unknown) =>
        err instanceof CallwireError &&
        err.reason === "NO_ACTIVE_CALL" &&
        err.codeName === "FAILED_PRECONDITION" &&
        err.errorMetadata.extension === "101" &&
        err.requestId === "ts-hold-1" &&
        !err.retrySafe,
    );
    await assert.rejects(client.query.getDeviceName({ device: "999" }), (err: unknown) => {
      return err instanceof CallwireError && err.reason === "UNKNOWN_EXTENSION" && err.csta?.value === "invalidDeviceID";
    });
    const made = await client.callControl.makeCall({ extension: "101", destination: "102" });
    assert.ok(made.call?.callId);
    assert.equal(client.lastRequestId.length, 32);

    const abort = new AbortController();
    const items = client.events.stream({ devices: ["101"], resumeToken: "not-a-token", signal: abort.signal });
    const first = await items.next();
    assert.equal(first.value?.case, "resumeGap");
    const second = await items.next();
    assert.equal(second.value?.case, "snapshot");
    abort.abort();
    await items.return(undefined);
    client.close();
  } finally {
    await stack.stop();
  }
});
