/*
 * Draws public/icon.svg into the PNG icons the web app manifest lists (browsers want PNGs at 192 and
 * 512 px to offer "Add to home screen"). Run after changing the SVG: npx tsx scripts/render-icons.ts
 */
import { readFile } from "node:fs/promises";
import { chromium } from "@playwright/test";

const ICONS = [
  { file: "public/icon-192.png", size: 192, padding: 0 },
  { file: "public/icon-512.png", size: 512, padding: 0 },
  // Maskable: the launcher may crop to a circle, so the drawing keeps to the middle 80 %.
  { file: "public/icon-maskable-512.png", size: 512, padding: 0.1 },
  { file: "public/apple-touch-icon.png", size: 180, padding: 0 },
];

const svg = await readFile("public/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const inset = Math.round(icon.size * icon.padding);
    await page.setContent(
      `<body style="margin:0;background:#0f1419"><div style="padding:${inset}px">` +
        `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" width="${icon.size - 2 * inset}" height="${icon.size - 2 * inset}" style="display:block"></div></body>`,
    );
    await page.screenshot({ path: icon.file });
    await page.close();
    console.log(`${icon.file} (${icon.size} px)`);
  }
} finally {
  await browser.close();
}
