// createCallwireClient: one Connect-ES gRPC transport (HTTP/2) and a typed client per service, with request IDs,
// the API key, typed errors and an event stream that reconnects and resumes by itself.
import { randomUUID } from "node:crypto";
import { type Client, type Interceptor, createClient } from "@connectrpc/connect";
import { Http2SessionManager, createGrpcTransport } from "@connectrpc/connect-node";
import type { DescService } from "@bufbuild/protobuf";
import { AdminService } from "./gen/callwire/admin/v1/service_pb.js";
import { AgentService } from "./gen/callwire/agent/v1/service_pb.js";
import { CallControlService } from "./gen/callwire/callcontrol/v1/service_pb.js";
import { DeviceService } from "./gen/callwire/device/v1/service_pb.js";
import { EventService } from "./gen/callwire/events/v1/service_pb.js";
import { QueryService } from "./gen/callwire/query/v1/service_pb.js";
import { StationService } from "./gen/callwire/station/v1/service_pb.js";
import { UserDataService } from "./gen/callwire/userdata/v1/service_pb.js";
import type { Event, ResumeGap, Snapshot } from "./gen/callwire/events/v1/message_pb.js";
import { CallwireError, toCallwireError } from "./errors.js";

/** Every service of the contracts, by the client property that reaches it. */
export const SERVICES = {
  admin: AdminService,
  agent: AgentService,
  callControl: CallControlService,
  device: DeviceService,
  events: EventService,
  query: QueryService,
  station: StationService,
  userData: UserDataService,
} as const;

export interface CallwireClientOptions {
  /** "http://host:port" (plain gRPC over HTTP/2) or "https://host:port" (TLS). */
  baseUrl: string;
  /** The API key, sent as `authorization: Bearer <key>`. */
  apiKey?: string;
  /** Default deadline of unary calls in milliseconds (default 30 000; 0: none). */
  timeoutMs?: number;
}

/** An item of `events.stream()`: the snapshot, an event, or a ResumeGap (a fresh snapshot follows). */
export type EventItem =
  | { case: "snapshot"; value: Snapshot }
  | { case: "event"; value: Event }
  | { case: "resumeGap"; value: ResumeGap };

export interface StreamOptions {
  devices?: string[];
  allDevices?: boolean;
  /** Resume after this position (the resumeToken of the last item processed). */
  resumeToken?: string;
  /** First reconnect delay in ms (doubled up to maxBackoffMs). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Give up (throw) after this many failed reconnects in a row; default: never. */
  maxReconnects?: number;
  signal?: AbortSignal;
}

// Errors that reconnecting cannot cure: the request itself is refused.
const FATAL = new Set(["INVALID_ARGUMENT", "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_MONITORED", "UNKNOWN_EXTENSION", "INTERNAL"]);

export type CallwireClient = {
  [K in keyof typeof SERVICES]: Client<(typeof SERVICES)[K]>;
} & {
  events: Client<typeof EventService> & { stream(options?: StreamOptions): AsyncGenerator<EventItem> };
  /** The x-request-id of the last call started (given in the call's headers, or generated). */
  readonly lastRequestId: string;
  /** Close the connection (calls still running fail). */
  close(): void;
};

export function createCallwireClient(options: CallwireClientOptions): CallwireClient {
  let lastRequestId = "";
  const headers: Interceptor = (next) => async (req) => {
    let requestId = req.header.get("x-request-id");
    if (!requestId) {
      requestId = randomUUID().replaceAll("-", "");
      req.header.set("x-request-id", requestId);
    }
    lastRequestId = requestId;
    if (options.apiKey) req.header.set("authorization", `Bearer ${options.apiKey}`);
    const method = `/${req.service.typeName}/${req.method.name}`;
    try {
      const res = await next(req);
      if (!res.stream) return res;
      return { ...res, message: typedErrors(res.message, requestId, method) };
    } catch (err) {
      throw toCallwireError(err, requestId, method);
    }
  };
  // Our own session manager, so close() can end the HTTP/2 connection (an open one keeps Node running).
  const sessionManager = new Http2SessionManager(options.baseUrl);
  const transport = createGrpcTransport({
    baseUrl: options.baseUrl,
    sessionManager,
    interceptors: [headers],
    defaultTimeoutMs: options.timeoutMs ?? 30_000,
  });
  const client = {} as Record<string, unknown>;
  for (const [name, service] of Object.entries(SERVICES)) {
    client[name] = typedClient(service as DescService, createClient(service as DescService, transport), () => lastRequestId);
  }
  const events = client.events as Client<typeof EventService>;
  (events as unknown as { stream: unknown }).stream = (opts: StreamOptions = {}) => stream(events, opts);
  Object.defineProperty(client, "lastRequestId", { get: () => lastRequestId });
  client.close = () => sessionManager.abort();
  return client as unknown as CallwireClient;
}

// Errors raised outside the interceptors (the client's own deadline, an aborted call) become typed too.
function typedClient(service: DescService, raw: Record<string, unknown>, requestId: () => string): Record<string, unknown> {
  const wrapped: Record<string, unknown> = {};
  for (const method of service.methods) {
    const call = raw[method.localName] as (...args: unknown[]) => unknown;
    const path = `/${service.typeName}/${method.name}`;
    if (method.methodKind === "server_streaming") {
      wrapped[method.localName] = (...args: unknown[]) => typedErrors(call(...args) as AsyncIterable<unknown>, requestId(), path);
    } else {
      wrapped[method.localName] = async (...args: unknown[]) => {
        try {
          return await call(...args);
        } catch (err) {
          throw toCallwireError(err, requestId(), path);
        }
      };
    }
  }
  return wrapped;
}

async function* typedErrors<T>(source: AsyncIterable<T>, requestId: string, method: string): AsyncIterable<T> {
  try {
    yield* source;
  } catch (err) {
    throw toCallwireError(err, requestId, method);
  }
}

async function* stream(events: Client<typeof EventService>, opts: StreamOptions): AsyncGenerator<EventItem> {
  let token = opts.resumeToken ?? "";
  let failures = 0;
  let delay = opts.initialBackoffMs ?? 200;
  const maxDelay = opts.maxBackoffMs ?? 10_000;
  for (;;) {
    try {
      const request = {
        devices: opts.devices ?? [],
        allDevices: opts.allDevices ?? false,
        includeSnapshot: token === "",
        resumeToken: token,
      };
      for await (const res of events.streamEvents(request, { signal: opts.signal, timeoutMs: 0 })) {
        failures = 0;
        delay = opts.initialBackoffMs ?? 200;
        const item = res.item;
        if (item.case === undefined) continue;
        if (item.case === "snapshot" || item.case === "event") token = item.value.resumeToken || token;
        yield item;
      }
      failures += 1; // ended without an error: reconnect all the same
    } catch (err) {
      if (opts.signal?.aborted) return;
      if (!(err instanceof CallwireError) || FATAL.has(err.reason)) throw err;
      // An overflow or a shutdown names the last position delivered: resume exactly there.
      token = err.errorMetadata.resume_token || token;
      failures += 1;
      if (opts.maxReconnects !== undefined && failures > opts.maxReconnects) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random() / 2)));
    delay = Math.min(delay * 2, maxDelay);
  }
}
