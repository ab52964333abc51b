import { api, ApiError } from "@/lib/api-client";
import { registerServiceWorker } from "../desk/service-worker";

/** What the "Notify me when the desk is closed" switch shows: honest about what this browser can do. */
export type PushState = "unsupported" | "denied" | "on" | "off";

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration("/");
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** On only when the trader wants push and this browser holds a subscription. */
export async function readPushState(pushPreference: boolean): Promise<PushState> {
  if (!pushSupported()) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  return pushPreference && (await currentSubscription()) ? "on" : "off";
}

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const bytes = atob(base64);
  const key = new Uint8Array(new ArrayBuffer(bytes.length));
  for (let i = 0; i < bytes.length; i++) key[i] = bytes.charCodeAt(i);
  return key;
}

/** Changes only the push preference (PATCH): a setting saved meanwhile in another tab is left as it is. */
async function savePushPreference(push: boolean): Promise<void> {
  await api.preferences.patch({ push });
}

/** Asks permission, subscribes this browser with the desk's VAPID key, stores the subscription, turns push on. */
export async function enablePush(): Promise<PushState> {
  const permission = await Notification.requestPermission();
  if (permission === "denied") return "denied";
  if (permission !== "granted") return "off";
  const registration = await registerServiceWorker();
  if (!registration) return "unsupported";
  const { public_key } = await api.push.publicKey().catch((error: unknown) => {
    throw error instanceof ApiError ? new Error("push is not configured on this desk") : error;
  });
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(public_key) }));
  await api.push.subscribe(subscription.toJSON());
  await savePushPreference(true);
  return "on";
}

/** Unsubscribes this browser, forgets it on the server and turns push off. */
export async function disablePush(): Promise<PushState> {
  const subscription = await currentSubscription();
  if (subscription) {
    await api.push.unsubscribe(subscription.endpoint);
    await subscription.unsubscribe();
  }
  await savePushPreference(false);
  return "off";
}

/** The test button: one test notification to each subscribed browser of the trader. */
export async function sendTestPush(): Promise<string> {
  try {
    const answer = await api.push.test();
    return `Sent to ${answer.sent} browser${answer.sent === 1 ? "" : "s"}; ${answer.delivered} accepted by the push service.`;
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
}

/** Sign-out: this browser stops receiving the trader's pushes (the preference stays for their other browsers). */
export async function forgetThisBrowser(): Promise<void> {
  if (!pushSupported()) return;
  const subscription = await currentSubscription();
  if (!subscription) return;
  await api.push.unsubscribe(subscription.endpoint).catch(() => undefined);
  await subscription.unsubscribe().catch(() => false);
}
