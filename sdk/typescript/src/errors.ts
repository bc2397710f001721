// Typed errors: every failed call rejects with a CallwireError carrying the ErrorInfo reason, its metadata,
// the CSTA error detail (errors the switch caused) and the request ID. Decoded from the gRPC status details.
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema } from "./gen/google/rpc/error_details_pb.js";
import { type CstaErrorDetail, CstaErrorDetailSchema } from "./gen/callwire/common/v1/message_pb.js";
import { ErrorReason } from "./gen/callwire/common/v1/enums_pb.js";

export const DOMAIN = "callwire.io";

/** The ErrorInfo reasons, e.g. "NO_ACTIVE_CALL" (common.v1.ErrorReason without its prefix). */
export type Reason = Exclude<keyof typeof ErrorReason, "UNSPECIFIED" | number> | "";

// The error table (common.v1.ErrorReason comments) marks only these as safe to retry: the request was not sent.
const RETRY_SAFE: ReadonlySet<string> = new Set(["LINK_DOWN"]);

// Extends ConnectError so Connect-ES passes it through unchanged (it wraps any other error as UNKNOWN), and so
// code that already handles ConnectError keeps working.
export class CallwireError extends ConnectError {
  /** The ErrorInfo reason; "" when the server never answered (see TransportError). */
  readonly reason: Reason;
  /** The ErrorInfo metadata (`field`, `extension`, `resume_token`...). ConnectError's `metadata` holds the trailers. */
  readonly errorMetadata: Record<string, string>;
  readonly csta: CstaErrorDetail | undefined;
  readonly requestId: string;
  readonly method: string;

  constructor(
    message: string,
    init: {
      reason: Reason;
      code: Code;
      metadata?: Record<string, string>;
      csta?: CstaErrorDetail;
      requestId: string;
      method: string;
      cause?: ConnectError;
    },
  ) {
    super(
      `${init.reason ? init.reason + ": " : ""}${message} (request ${init.requestId || "-"}, ${init.method || "-"})`,
      init.code,
      init.cause?.metadata,
      undefined,
      init.cause,
    );
    // `name` stays "ConnectError": Connect-ES recognises its errors by it and would wrap ours as UNKNOWN.
    Object.setPrototypeOf(this, new.target.prototype);
    this.reason = init.reason;
    this.errorMetadata = init.metadata ?? {};
    this.csta = init.csta;
    this.requestId = init.requestId;
    this.method = init.method;
  }

  // ConnectError's instanceof accepts any ConnectError-shaped value (across package copies); a CallwireError
  // must really be one, with its reason.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** Whether the error table says sending the request again is safe. */
  get retrySafe(): boolean {
    return RETRY_SAFE.has(this.reason);
  }

  /** The gRPC code's name, e.g. "FAILED_PRECONDITION". */
  get codeName(): string {
    return Code[this.code]
      .replace(/([a-z])([A-Z])/g, "$1_$2")
      .toUpperCase();
  }
}

/** No Callwire answer: unreachable server, TLS failure, or the client's deadline passed. */
export class TransportError extends CallwireError {
  constructor(message: string, init: { code: Code; requestId: string; method: string; cause?: ConnectError }) {
    super(message, { ...init, reason: "" });
  }
}

export function toCallwireError(err: unknown, requestId: string, method: string): CallwireError {
  if (err instanceof CallwireError) return err;
  const cause = ConnectError.from(err);
  const info = cause.findDetails(ErrorInfoSchema).find((detail) => detail.domain === DOMAIN);
  if (info === undefined) {
    return new TransportError(cause.rawMessage, { code: cause.code, requestId, method, cause });
  }
  const csta = cause.findDetails(CstaErrorDetailSchema)[0];
  return new CallwireError(cause.rawMessage, {
    reason: info.reason as Reason,
    code: cause.code,
    metadata: { ...info.metadata },
    csta,
    requestId,
    method,
    cause,
  });
}
