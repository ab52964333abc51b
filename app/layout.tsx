import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import "@/styles/shell.css";
import "@/styles/signals.css";
import "@/styles/toast.css";
import "@/styles/settings.css";
import "@/styles/admin.css";

export const metadata: Metadata = {
  title: "Signal Desk",
  description: "Real-time Wyckoff trading signals",
  // The manifest itself is app/manifest.ts; iOS reads these instead.
  icons: { icon: "/icon.svg", apple: "/apple-touch-icon.png" },
  appleWebApp: { capable: true, title: "Signal Desk", statusBarStyle: "black-translucent" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#171e26",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
