"use client";

import { signOut } from "next-auth/react";
import { getSocket } from "@/lib/socket-client";

export function SignOutButton() {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        getSocket().disconnect();
        void signOut({ callbackUrl: "/login" });
      }}
    >
      Sign out
    </button>
  );
}
