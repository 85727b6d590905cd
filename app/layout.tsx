import type { Metadata } from "next";
import "./globals.css";

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
