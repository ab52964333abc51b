import type { MetadataRoute } from "next";

/** Served at /manifest.webmanifest: lets a phone add the desk to its home screen and open it without browser bars. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Signal Desk",
    short_name: "Signal Desk",
    description: "Real-time Wyckoff trading signals",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#0f1419",
    theme_color: "#171e26",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
