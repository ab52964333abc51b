"use client";

import { signOut } from "next-auth/react";
import { getSocket } from "@/lib/socket-client";
import { forgetThisBrowser } from "../settings/web-push-browser";

export function SignOutButton() {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        getSocket().disconnect();
        // A shared browser must not keep showing this trader's signals to whoever signs in next.
        void forgetThisBrowser()
          .catch(() => undefined)
          .finally(() => void signOut({ callbackUrl: "/login" }));
      }}
    >
      Sign out
    </button>
  );
}
