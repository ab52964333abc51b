"use client";

import { useEffect, useState } from "react";
import type { AlertLeader } from "./signal-alerts";

const LOCK_NAME = "signal-desk:alert-leader";
const CHANNEL_NAME = "signal-desk:tabs";
const HEARTBEAT_MS = 1000;
/** A visible tab heartbeats every second (visible tabs are never throttled), so a silent one is gone. */
const VISIBLE_STALE_MS = 5000;
/**
 * Hidden tabs may fire timers only once a minute (Chrome's intensive throttling), so a hidden peer counts
 * as alive much longer; closing tabs say goodbye, so this only matters after a crash.
 */
const PEER_STALE_MS = 75_000;

type TabMessage = { type: "presence"; tabId: string; visible: boolean; reply?: boolean } | { type: "bye"; tabId: string };

interface Peer {
  visible: boolean;
  seenAt: number;
}

function newTabId(): string {
  // crypto.randomUUID needs a secure context; ordering ids only has to be unique, not secret.
  return typeof crypto !== "undefined" && typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Elects one leader among the desk's open tabs and tracks which of them are visible.
 * Leader: whoever holds a Web Lock (released by the browser when the tab closes or crashes); without the
 * Web Locks API, the tab with the smallest id among those heard on a BroadcastChannel.
 */
class TabCoordinator implements AlertLeader {
  private readonly tabId = newTabId();
  private readonly peers = new Map<string, Peer>();
  private channel: BroadcastChannel | null = null;
  private usesLocks = false;
  private lockHeld = false;
  private lastReported: boolean | null = null;
  /** Which start() owns the lock state; an older one finishing late must not clear a newer one's lock. */
  private generation = 0;

  constructor(private readonly onLeaderChange: (leader: boolean) => void) {}

  isLeader(): boolean {
    if (this.usesLocks) return this.lockHeld;
    const now = Date.now();
    for (const [tabId, peer] of this.peers) if (now - peer.seenAt < PEER_STALE_MS && tabId < this.tabId) return false;
    return true;
  }

  anyTabVisible(): boolean {
    if (document.visibilityState === "visible") return true;
    const now = Date.now();
    for (const peer of this.peers.values()) if (peer.visible && now - peer.seenAt < VISIBLE_STALE_MS) return true;
    return false;
  }

  /** Joins the election; returns the cleanup that leaves it. */
  start(): () => void {
    const abort = new AbortController();
    const generation = ++this.generation;
    let release: (() => void) | null = null;
    if (typeof navigator !== "undefined" && "locks" in navigator && navigator.locks) {
      this.usesLocks = true;
      navigator.locks
        .request(LOCK_NAME, { signal: abort.signal }, () => {
          if (generation !== this.generation) return;
          this.lockHeld = true;
          this.report();
          // Held until this tab leaves: the promise resolves only in cleanup (or the browser drops it on close).
          return new Promise<void>((resolve) => (release = resolve));
        })
        .catch(() => undefined) // AbortError: cleanup ran while still waiting in line.
        .finally(() => {
          if (generation !== this.generation) return;
          this.lockHeld = false;
          this.report();
        });
    }

    if (typeof BroadcastChannel === "function") {
      this.channel = new BroadcastChannel(CHANNEL_NAME);
      this.channel.onmessage = (event: MessageEvent<TabMessage>) => this.onMessage(event.data);
    }
    const announce = (reply = false) =>
      this.post({ type: "presence", tabId: this.tabId, visible: document.visibilityState === "visible", reply });
    const onVisibility = () => announce();
    const onPageHide = () => this.post({ type: "bye", tabId: this.tabId });
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onPageHide);
    announce();
    const heartbeat = setInterval(() => {
      announce();
      this.report();
    }, HEARTBEAT_MS);
    this.report();

    return () => {
      clearInterval(heartbeat);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onPageHide);
      onPageHide();
      if (generation === this.generation) this.lockHeld = false;
      abort.abort();
      release?.();
      this.channel?.close();
      this.channel = null;
    };
  }

  private onMessage(message: TabMessage): void {
    if (message.type === "bye") this.peers.delete(message.tabId);
    else {
      const known = this.peers.has(message.tabId);
      this.peers.set(message.tabId, { visible: message.visible, seenAt: Date.now() });
      // A newcomer learns about us at once instead of at our next (possibly throttled) heartbeat.
      if (!known && !message.reply)
        this.post({ type: "presence", tabId: this.tabId, visible: document.visibilityState === "visible", reply: true });
    }
    this.report();
  }

  private post(message: TabMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel during unload: nothing left to tell.
    }
  }

  private report(): void {
    const leader = this.isLeader();
    if (leader === this.lastReported) return;
    this.lastReported = leader;
    this.onLeaderChange(leader);
  }
}

/** This tab's place in the desk's alert election; `onLeaderChange` hears when it gains or loses the lead. */
export function useAlertLeader(onLeaderChange: (leader: boolean) => void): AlertLeader {
  const [coordinator] = useState(() => new TabCoordinator(onLeaderChange));
  useEffect(() => coordinator.start(), [coordinator]);
  return coordinator;
}
