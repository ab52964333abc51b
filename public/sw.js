// Signal Desk service worker: shows a Web Push message (contract §9) when the desk is closed, and a click on it opens
// or focuses the desk on that signal. Plain JavaScript: the browser loads it as is, outside Next's bundles.

self.addEventListener("install", () => {
  // A new version takes over at once: it holds no cache, so nothing can go stale.
  void self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  // Controlling the open desks lets a notification click navigate them (Client.navigate needs control).
  event.waitUntil(self.clients.claim());
});

/** "4:59 left" until expiry, or "expired". */
function timeLeft(expiresAt, now) {
  const seconds = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (!(seconds > 0)) return "expired";
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")} left`;
}

/** Title and options of the notification for one SignalNotification. */
function notificationFor(signal, now) {
  const arrow = signal.direction === "short" ? "▼" : "▲";
  return {
    title: `${signal.symbol} ${arrow} ${String(signal.direction).toUpperCase()} · ${signal.confidence_grade}${signal.is_test ? " (test)" : ""}`,
    options: {
      body: `Entry ${signal.entry_price} · stop ${signal.stop_loss} · target ${signal.target_price} · ${timeLeft(signal.expires_at, now)}`,
      tag: signal.signal_id,
      timestamp: Date.parse(signal.timestamp),
      requireInteraction: true,
      data: { signal_id: signal.signal_id, url: `/?signal=${encodeURIComponent(signal.signal_id)}` },
    },
  };
}

self.addEventListener("push", (event) => {
  let signal;
  try {
    signal = event.data ? event.data.json() : null;
  } catch {
    signal = null;
  }
  if (!signal || signal.type !== "signal_approved") return;
  const { title, options } = notificationFor(signal, Date.now());
  event.waitUntil(self.registration.showNotification(title, options));
});

/** Focuses a desk tab on the signal (navigating it there), or opens one. */
async function openDesk(url) {
  const target = new URL(url, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const desk = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (desk) {
    const navigated = desk.url === target ? desk : await desk.navigate(target).catch(() => null);
    await (navigated ?? desk).focus().catch(() => undefined);
    if (navigated) return;
  }
  await self.clients.openWindow(target);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  event.waitUntil(openDesk(data.url || "/"));
});
