// The conformance suite through the TypeScript SDK's public API (createCallwireClient), one fresh stack per
// scenario file. The format is described in sdk/conformance/README.md; this mirrors the Python runner.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fromJson, toJson, type DescMessage, type JsonValue } from "@bufbuild/protobuf";
import { parse } from "yaml";
import { CallwireError, SERVICES, createCallwireClient, type CallwireClient } from "../src/index.js";
import { SCENARIOS, startStack, type Stack } from "./stack.js";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Env = Record<string, Json>;

const VAR = /\$\{([A-Za-z0-9_]+)\}/g;

interface Rpc {
  service: string;
  localName: string;
  input: DescMessage;
  output: DescMessage;
}

function rpcs(): Map<string, Rpc> {
  const all = new Map<string, Rpc>();
  for (const [service, desc] of Object.entries(SERVICES)) {
    for (const method of desc.methods) {
      all.set(`${desc.name}.${method.name}`, { service, localName: method.localName, input: method.input, output: method.output });
    }
  }
  return all;
}
const RPCS = rpcs();

function rpc(short: string): Rpc {
  const found = RPCS.get(short);
  if (found === undefined) throw new Error(`no RPC ${short} in the contracts`);
  return found;
}

function substitute(value: Json, env: Env): Json {
  if (typeof value === "string") {
    const whole = /^\$\{([A-Za-z0-9_]+)\}$/.exec(value);
    if (whole) return env[whole[1]];
    return value.replace(VAR, (_, name: string) => String(env[name]));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, env));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env)]));
  }
  return value;
}

export function matches(pattern: Json, actual: Json): boolean {
  if (pattern === "<any>") return actual !== undefined && actual !== null;
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) return false;
    let index = 0;
    for (const sub of pattern) {
      while (index < actual.length && !matches(sub, actual[index])) index += 1;
      if (index === actual.length) return false;
      index += 1;
    }
    return true;
  }
  if (pattern !== null && typeof pattern === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    return Object.entries(pattern).every(([key, sub]) =>
      sub === "<absent>" ? !(key in actual) : key in actual && matches(sub, actual[key]),
    );
  }
  if (typeof pattern === "number" && typeof actual === "string") return String(pattern) === actual;
  return pattern === actual;
}

function dig(data: Json, path: string): Json {
  return path.split(".").reduce((value, part) => (Array.isArray(value) ? value[Number(part)] : value[part]), data);
}

function codeName(err: CallwireError): string {
  return err.codeName;
}

class Run {
  env: Env = {};
  clients = new Map<string, CallwireClient>();
  streams = new Map<
    string,
    { items: Json[]; waiters: (() => void)[]; abort: AbortController; paused: boolean; resume: (() => void)[] }
  >();

  constructor(
    readonly name: string,
    readonly stack: Stack,
  ) {}

  client(key: string | undefined): CallwireClient {
    const id = key ?? "";
    let client = this.clients.get(id);
    if (client === undefined) {
      const apiKey = key === undefined ? undefined : (this.stack.keys[key] ?? key);
      client = createCallwireClient({ baseUrl: `http://${this.stack.target}`, apiKey, timeoutMs: 20_000 });
      this.clients.set(id, client);
    }
    return client;
  }

  where(index: number, step: Json): string {
    return `${this.name} step ${index + 1} (${step.call ?? step.open ?? step.close ?? step.pause ?? "expect_events"})`;
  }

  async call(index: number, step: Json): Promise<void> {
    const method = rpc(step.call);
    const client = this.client(step.key) as unknown as Record<string, Record<string, Function>>;
    const request = fromJson(method.input, substitute(step.request ?? {}, this.env) as JsonValue);
    const requestId: string | undefined = substitute(step.request_id, this.env);
    const where = this.where(index, step);
    const options: Record<string, unknown> = {};
    if (requestId) options.headers = { "x-request-id": requestId };
    if (step.timeout !== undefined) options.timeoutMs = Math.max(1, Math.round(step.timeout * 1000));
    let response: Json;
    try {
      response = await client[method.service][method.localName](request, options);
    } catch (err) {
      if (!(err instanceof CallwireError)) throw err;
      const expected = step.error;
      if (expected === undefined) assert.fail(`${where}: unexpected error ${err.message}`);
      assert.equal(codeName(err), expected.code, `${where}: ${err.message}`);
      if (expected.reason !== undefined) assert.equal(err.reason, expected.reason, `${where}: ${err.message}`);
      const want = substitute(expected.metadata ?? {}, this.env);
      assert.ok(matches(want, err.errorMetadata), `${where}: metadata ${JSON.stringify(err.errorMetadata)} vs ${JSON.stringify(want)}`);
      if (requestId) assert.equal(err.requestId, requestId, `${where}: the error does not carry the request ID`);
      return;
    }
    assert.equal(step.error, undefined, `${where}: expected ${JSON.stringify(step.error)}, got a response`);
    const got = toJson(method.output, response) as Json;
    const want = substitute(step.expect ?? {}, this.env);
    assert.ok(matches(want, got), `${where}: response ${JSON.stringify(got)} does not match ${JSON.stringify(want)}`);
    for (const [name, field] of Object.entries(step.save ?? {})) this.env[name] = dig(got, field as string);
  }

  open(step: Json): void {
    const method = rpc(step.rpc ?? "EventService.StreamEvents");
    const client = this.client(step.key) as unknown as Record<string, Record<string, Function>>;
    const request = fromJson(method.input, substitute(step.request ?? {}, this.env) as JsonValue);
    const abort = new AbortController();
    const state = { items: [] as Json[], waiters: [] as (() => void)[], abort, paused: false, resume: [] as (() => void)[] };
    const push = (item: Json) => {
      state.items.push(item);
      for (const wake of state.waiters.splice(0)) wake();
    };
    const options: Record<string, unknown> = { signal: abort.signal, timeoutMs: 0 };
    if (step.request_id) options.headers = { "x-request-id": step.request_id };
    void (async () => {
      try {
        for await (const item of client[method.service][method.localName](request, options) as AsyncIterable<Json>) {
          push(toJson(method.output, item));
          // A `pause` step stops taking items off the stream until the next expect_events on it.
          while (state.paused) await new Promise<void>((wake) => state.resume.push(wake));
        }
      } catch (err) {
        if (!abort.signal.aborted) push(err);
      }
    })();
    this.streams.set(step.open, state);
  }

  async next(name: string, deadline: number): Promise<Json | undefined> {
    const state = this.streams.get(name)!;
    while (state.items.length === 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return undefined;
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, remaining);
        state.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
    return state.items.shift();
  }

  async expectEvents(index: number, step: Json): Promise<void> {
    const spec = step.expect_events;
    const stream = this.streams.get(spec.stream)!;
    stream.paused = false;
    for (const wake of stream.resume.splice(0)) wake();
    const deadline = Date.now() + (spec.within ?? 10) * 1000;
    const seen: Json[] = [];
    for (const [number, raw] of (spec.events as Json[]).entries()) {
      const pattern = { ...substitute(raw, this.env) };
      const save = pattern.save;
      const error = pattern.error;
      delete pattern.save;
      delete pattern.error;
      for (;;) {
        if (Date.now() >= deadline) assert.fail(`${this.where(index, step)}: no item matching ${JSON.stringify(raw)}; saw ${JSON.stringify(seen)}`);
        let until = deadline;
        if (spec.poke !== undefined && number === 0) {
          await this.call(index, spec.poke);
          until = Math.min(deadline, Date.now() + 250);
        }
        const item = await this.next(spec.stream, until);
        if (item === undefined) continue;
        seen.push(item instanceof Error ? String(item) : item);
        if (item instanceof CallwireError) {
          if (error !== undefined && codeName(item) === error.code && item.reason === (error.reason ?? "")) break;
          assert.fail(`${this.where(index, step)}: stream failed: ${item.message}`);
        }
        if (item instanceof Error) throw item;
        if (error === undefined && matches(pattern, item)) {
          for (const [name, field] of Object.entries(save ?? {})) this.env[name] = dig(item, field as string);
          break;
        }
        if (spec.strict) assert.fail(`${this.where(index, step)}: ${JSON.stringify(item)} does not match ${JSON.stringify(pattern)} (strict)`);
      }
    }
  }

  close(name: string): void {
    this.streams.get(name)?.abort.abort();
    this.streams.delete(name);
  }

  let(values: Record<string, Json>): void {
    for (const [name, value] of Object.entries(values)) {
      this.env[name] =
        value !== null && typeof value === "object" && "repeat" in value
          ? String(value.repeat).repeat(Number(value.count))
          : substitute(value, this.env);
    }
  }

  async run(steps: Json[]): Promise<void> {
    try {
      for (const [index, step] of steps.entries()) {
        if ("call" in step) await this.call(index, step);
        else if ("open" in step) this.open(step);
        else if ("expect_events" in step) await this.expectEvents(index, step);
        else if ("close" in step) this.close(step.close);
        else if ("pause" in step) this.streams.get(step.pause)!.paused = true;
        else if ("let" in step) this.let(step.let);
        else throw new Error(`${this.where(index, step)}: unknown step ${Object.keys(step)}`);
      }
    } finally {
      for (const name of [...this.streams.keys()]) this.close(name);
      for (const client of this.clients.values()) client.close();
    }
  }
}

const files = readdirSync(SCENARIOS).filter((name) => name.endsWith(".yaml")).sort();
const scenarios = files.map((name) => ({ name: name.replace(/\.yaml$/, ""), ...parse(readFileSync(join(SCENARIOS, name), "utf8")) }));

test("every RPC of the contracts has a scenario", () => {
  const covered = new Set<string>();
  for (const scenario of scenarios) {
    for (const step of scenario.steps as Json[]) {
      if ("call" in step) covered.add(step.call);
      if ("open" in step) covered.add(step.rpc ?? "EventService.StreamEvents");
    }
  }
  const missing = [...RPCS.keys()].filter((name) => !covered.has(name));
  assert.deepEqual(missing, [], `RPCs without a scenario: ${missing}`);
  assert.ok(RPCS.size >= 82);
});

for (const scenario of scenarios) {
  test(`scenario ${scenario.name}`, { timeout: 180_000 }, async () => {
    const stack = await startStack(scenario.stack === "keyed");
    try {
      await new Run(scenario.name, stack).run(scenario.steps);
    } finally {
      await stack.stop();
    }
  });
}
