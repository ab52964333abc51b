"use client";

import { useEffect } from "react";
import { useSignalDesk } from "../desk/signal-desk-provider";

const BASE_TITLE = "Signal Desk";

/** Puts the number of undecided signals in the tab title, readable from a crowded tab bar. */
export function PendingTitle() {
  const count = useSignalDesk((state) => Object.values(state.signals).filter((signal) => signal.status === "approved").length);
  useEffect(() => {
    document.title = count > 0 ? `(${count}) ${BASE_TITLE}` : BASE_TITLE;
  }, [count]);
  return null;
}
