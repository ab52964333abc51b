import { expect, test } from "./fixtures";

/** Width and height from a PNG's IHDR chunk (bytes 16–23), so the test checks the real image. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("the desk is installable: a linked manifest, standalone display, PNG icons of the sizes it names", async ({ page, request }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBeTruthy();
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    display: string;
    icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
  };
  expect(manifest).toMatchObject({ name: "Signal Desk", short_name: "Signal Desk", start_url: "/", display: "standalone" });

  const pngs = manifest.icons.filter((icon) => icon.type === "image/png");
  expect(pngs.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of pngs) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()["content-type"]).toContain("image/png");
    const [width, height] = icon.sizes.split("x").map(Number);
    expect(pngSize(await image.body()), icon.src).toEqual({ width, height });
  }
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#171e26");
});
