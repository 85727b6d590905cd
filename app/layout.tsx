import type { Metadata } from "next";
import "./globals.css";

// Every page depends on the signed-in person and live data: render on request, never at build.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Handoff Control Center", template: "%s · Handoff Control Center" },
  description: "Carry a signed deal from sales to delivery with nothing lost.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
