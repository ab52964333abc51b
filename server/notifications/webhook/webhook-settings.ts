import type { Kysely } from "kysely";
import type { WebhookMode } from "@/lib/preferences";
import { effectiveWebhookMode } from "../../auth/user-store";
import type { Database } from "../../db/schema";
import { newWebhookSecret } from "./webhook-signature";

export interface WebhookSettings {
  url: string | null;
  mode: WebhookMode;
  secret: string | null;
}

/** A trader's webhook: URL, mode and the secret the server made for it (GET /api/me/webhook). */
export class WebhookSettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(userId: string): Promise<WebhookSettings | null> {
    const row = await this.db
      .selectFrom("users")
      .select(["webhook_url", "webhook_mode", "webhook_secret"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!row) return null;
    return { url: row.webhook_url, mode: effectiveWebhookMode(row), secret: row.webhook_secret };
  }

  /** Makes the secret when a URL is set for the first time; an existing secret is kept (rotate replaces it). */
  async ensureSecret(userId: string): Promise<void> {
    await this.db
      .updateTable("users")
      .set({ webhook_secret: newWebhookSecret() })
      .where("id", "=", userId)
      .where("webhook_url", "is not", null)
      .where("webhook_secret", "is", null)
      .execute();
  }

  /** Replaces the secret; the old one stops verifying at once. */
  async rotateSecret(userId: string): Promise<WebhookSettings | null> {
    await this.db.updateTable("users").set({ webhook_secret: newWebhookSecret() }).where("id", "=", userId).execute();
    return this.get(userId);
  }
}
