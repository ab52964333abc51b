import { z } from "zod";
import type { TestSignalRequest, UserPatch } from "./admin-requests";
import {
  DecisionAnswerSchema,
  DeliveryLogPageSchema,
  IngestAnswerSchema,
  PushPublicKeySchema,
  PushTestAnswerSchema,
  ValidationIssueSchema,
  WebhookSettingsSchema,
  WebhookTestAnswerSchema,
  type ValidationIssue,
} from "./api-answers";
import { type Preferences, type PreferencesPatch, PreferencesSchema } from "./preferences";
import { SignalBarsSchema } from "./signal-bars";
import type { Decision } from "./signal-notification";
import { parseSignalViews, type SignalView } from "./signal-view";

/*
 * The browser's one way to the HTTP API: every call the components make, typed from the zod schemas in lib/
 * and parsed with them on the way in. A non-2xx answer throws ApiError; a network failure throws fetch's own
 * TypeError, so callers can tell "the server said no" from "the server was not reached".
 */

/** A non-2xx answer (or one this page cannot read): the status, the server's message and its issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ValidationIssue[] = [],
    /** The parsed error body, for answers that carry more than a message (the decision's 409 `status`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The message with the first issue, the way a form's status line shows it. */
  get detail(): string {
    const first = this.issues[0]?.message;
    return first ? `${this.message}: ${first}` : this.message;
  }
}

const ErrorBodySchema = z.looseObject({ error: z.string().optional(), issues: z.array(ValidationIssueSchema).optional() });

interface CallOptions {
  body?: unknown;
  query?: string | URLSearchParams;
  signal?: AbortSignal;
}

async function send(method: string, path: string, { body, query, signal }: CallOptions = {}): Promise<Response> {
  const search = query === undefined ? "" : `?${String(query)}`;
  const init: RequestInit =
    method === "GET"
      ? { method, cache: "no-store", signal }
      : // The server's CSRF rule wants JSON on every state-changing request, even one without fields.
        { method, signal, headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) };
  const response = await fetch(`${path}${search}`, init);
  if (response.ok) return response;
  const parsed = ErrorBodySchema.safeParse(await response.json().catch(() => ({})));
  const error = parsed.success ? parsed.data : {};
  throw new ApiError(response.status, error.error ?? `Request failed (${response.status})`, error.issues ?? [], error);
}

async function read<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(response.status, "The server sent an answer this page cannot read");
  return parsed.data;
}

function call<S extends z.ZodType>(method: string, path: string, schema: S, options?: CallOptions): Promise<z.infer<S>> {
  return send(method, path, options).then((response) => read(response, schema));
}

async function callWithoutAnswer(method: string, path: string, options?: CallOptions): Promise<void> {
  await send(method, path, options);
}

const id = (value: string) => encodeURIComponent(value);

export const api = {
  signals: {
    /** The caller's signals (the readable ones: one odd element does not hide the rest) and the server's clock. */
    async list(signal?: AbortSignal): Promise<{ signals: SignalView[]; serverTime: string | null }> {
      const response = await send("GET", "/api/signals", { signal });
      return { signals: parseSignalViews(await response.json()), serverTime: response.headers.get("x-server-time") };
    },
    bars: (signalId: string, signal?: AbortSignal) => call("GET", `/api/signals/${id(signalId)}/bars`, SignalBarsSchema, { signal }),
    decide: (signalId: string, decision: Decision) =>
      call("POST", `/api/signals/${id(signalId)}/decision`, DecisionAnswerSchema, { body: decision }),
  },
  preferences: {
    get: (signal?: AbortSignal): Promise<Preferences> => call("GET", "/api/me/preferences", PreferencesSchema, { signal }),
    /** Changes only the fields given; the answer is every preference as stored now. */
    patch: (patch: PreferencesPatch): Promise<Preferences> => call("PATCH", "/api/me/preferences", PreferencesSchema, { body: patch }),
  },
  webhook: {
    get: () => call("GET", "/api/me/webhook", WebhookSettingsSchema),
    rotate: () => call("POST", "/api/me/webhook/rotate", WebhookSettingsSchema),
    test: () => call("POST", "/api/me/webhook/test", WebhookTestAnswerSchema),
  },
  push: {
    publicKey: () => call("GET", "/api/push/public-key", PushPublicKeySchema),
    /** The browser's own `PushSubscription.toJSON()`; the server checks it against PushSubscriptionSchema. */
    subscribe: (subscription: PushSubscriptionJSON) => callWithoutAnswer("POST", "/api/me/push-subscriptions", { body: subscription }),
    unsubscribe: (endpoint: string) => callWithoutAnswer("DELETE", "/api/me/push-subscriptions", { body: { endpoint } }),
    test: () => call("POST", "/api/me/push/test", PushTestAnswerSchema),
  },
  admin: {
    /** One page of the delivery log; `query` carries the filters, `limit` and `cursor`. */
    deliveries: (query: string | URLSearchParams) => call("GET", "/api/admin/deliveries", DeliveryLogPageSchema, { query }),
    setUser: (userId: string, patch: UserPatch) => callWithoutAnswer("PATCH", `/api/admin/users/${id(userId)}`, { body: patch }),
    sendTestSignal: (request: TestSignalRequest) => call("POST", "/api/admin/test-signal", IngestAnswerSchema, { body: request }),
  },
};
