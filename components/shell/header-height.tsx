"use client";

import { useEffect } from "react";

/**
 * Publishes the header's height as the CSS variable --header-height, so the toasts start right below it
 * whether the header is one row (laptop) or two (phone).
 */
export function HeaderHeight() {
  useEffect(() => {
    const header = document.querySelector<HTMLElement>(".app-header");
    if (!header || typeof ResizeObserver !== "function") return;
    const publish = () => document.documentElement.style.setProperty("--header-height", `${header.offsetHeight}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);
  return null;
}
