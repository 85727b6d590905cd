"use client";

import { useEffect } from "react";

/**
 * Opens the folded sections (closed <details>) around the element an in-page link points at,
 * then scrolls to it: a link to a part of the page works even when that part is folded away.
 * Chromium does this by itself; other browsers do not.
 */
export function RevealOnHash() {
  useEffect(() => {
    function reveal() {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (!target) return;
      let folded = false;
      for (let el = target.parentElement; el; el = el.parentElement) {
        if (el instanceof HTMLDetailsElement && !el.open) {
          el.open = true;
          folded = true;
        }
      }
      if (folded) target.scrollIntoView();
    }
    reveal();
    window.addEventListener("hashchange", reveal);
    return () => window.removeEventListener("hashchange", reveal);
  }, []);
  return null;
}
