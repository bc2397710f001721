// @callwire/sdk: `const client = createCallwireClient({ baseUrl: "http://127.0.0.1:50051" })`.
export { createCallwireClient, SERVICES } from "./client.js";
export type { CallwireClient, CallwireClientOptions, EventItem, StreamOptions } from "./client.js";
export { CallwireError, TransportError, DOMAIN } from "./errors.js";
export type { Reason } from "./errors.js";
export * as admin from "./gen/callwire/admin/v1/request_response_pb.js";
export * as callcontrol from "./gen/callwire/callcontrol/v1/request_response_pb.js";
export * as events from "./gen/callwire/events/v1/message_pb.js";
export * as common from "./gen/callwire/common/v1/enums_pb.js";
