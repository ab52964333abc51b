import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import webPush from "web-push";
import type { Env } from "../../env";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/**
 * The Web Push identity: from the environment, else (demo mode) a pair generated once into data/ and kept, so
 * browsers that subscribed stay subscribed across restarts. Null outside demo mode without keys: no push.
 */
export function vapidKeysFor(env: Env, dataDir = "data"): VapidKeys | null {
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT };
  }
  if (!env.DEMO) return null;
  return { ...demoVapidKeys(dataDir), subject: env.VAPID_SUBJECT };
}

function demoVapidKeys(dataDir: string): { publicKey: string; privateKey: string } {
  const file = join(dataDir, "vapid-keys.json");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, JSON.stringify(webPush.generateVAPIDKeys()), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process starting at the same moment wrote it first; theirs is the pair to use.
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
  }
  return JSON.parse(readFileSync(file, "utf8")) as { publicKey: string; privateKey: string };
}
