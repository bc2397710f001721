// The TypeScript SDK against a bare Connect-ES client (same transport kind, no interceptors or wrapping), same
// run, same server: unary p50 and event-stream replay throughput. Run by bench/bench_sdk.py:
//   node dist/bench/sdk-bench.js 127.0.0.1:PORT TOKEN LAST_SEQUENCE ROUNDS CALLS   (prints one JSON line)
import { createClient } from "@connectrpc/connect";
import { Http2SessionManager, createGrpcTransport } from "@connectrpc/connect-node";
import { createCallwireClient } from "../src/index.js";
import { EventService } from "../src/gen/callwire/events/v1/service_pb.js";
import { QueryService } from "../src/gen/callwire/query/v1/service_pb.js";

const [target, token, lastArg, roundsArg = "5", callsArg = "400"] = process.argv.slice(2);
const last = BigInt(lastArg);
const rounds = Number(roundsArg);
const calls = Number(callsArg);
const baseUrl = `http://${target}`;
const sessionManager = new Http2SessionManager(baseUrl);
const transport = createGrpcTransport({ baseUrl, sessionManager });
const raw = { query: createClient(QueryService, transport), events: createClient(EventService, transport) };
const sdk = createCallwireClient({ baseUrl });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rawTimes: number[] = [];
const sdkTimes: number[] = [];
for (let i = 0; i < 50; i++) {
  await raw.query.getDeviceName({ device: "101" });
  await sdk.query.getDeviceName({ device: "101" });
}
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await raw.query.getDeviceName({ device: "101" }, { headers: { "x-request-id": "bench" } });
    rawTimes.push(performance.now() - start);
  }
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await sdk.query.getDeviceName({ device: "101" });
    sdkTimes.push(performance.now() - start);
  }
}

async function replayRaw(): Promise<number> {
  const abort = new AbortController();
  let count = 0;
  try {
    for await (const res of raw.events.streamEvents({ allDevices: true, resumeToken: token }, { signal: abort.signal })) {
      count++;
      if (res.item.case === "event" && res.item.value.sequence >= last) break;
    }
  } finally {
    abort.abort();
  }
  return count;
}

async function replaySdk(): Promise<number> {
  let count = 0;
  for await (const item of sdk.events.stream({ allDevices: true, resumeToken: token })) {
    count++;
    if (item.case === "event" && item.value.sequence >= last) break;
  }
  return count;
}

const rawRates: number[] = [];
const sdkRates: number[] = [];
let items = 0;
for (let round = 0; round < rounds; round++) {
  for (const [replay, rates] of [
    [replayRaw, rawRates],
    [replaySdk, sdkRates],
  ] as const) {
    const start = performance.now();
    items = await replay();
    rates.push(items / ((performance.now() - start) / 1000));
  }
}
sessionManager.abort();
sdk.close();
console.log(
  JSON.stringify({ rawP50: median(rawTimes), sdkP50: median(sdkTimes), rawRate: median(rawRates), sdkRate: median(sdkRates), items }),
);
