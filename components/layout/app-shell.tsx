import Link from "next/link";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

export interface NavItem {
  href: string;
  label: string;
  count?: number;
}

export function AppShell({ nav, user, children }: { nav: NavItem[]; user: { name: string; role: string }; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 flex-col border-r border-slate-200 bg-white md:flex">
        <Link href="/handoffs" className="flex items-center gap-2 px-5 py-4">
          <span className="flex h-8 w-8 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white" aria-hidden="true">
            H
          </span>
          <span className="text-sm font-semibold leading-tight text-slate-900">
            Handoff
            <br />
            Control Center
          </span>
        </Link>
        <nav aria-label="Main" className="flex-1 space-y-0.5 px-3 py-2">
          {nav.map((item) => (
            <NavLink key={item.href} {...item} />
          ))}
        </nav>
        <section aria-label="Signed in" className="border-t border-slate-200 px-5 py-4">
          <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
          <p className="text-xs text-slate-500">{user.role}</p>
          <SignOutButton />
        </section>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
          <span className="text-sm font-semibold">Handoff Control Center</span>
          <nav aria-label="Main (mobile)" className="flex gap-3 text-sm">
            {nav.map((item) => (
              <Link key={item.href} href={item.href} className="text-slate-700">
                {item.label}
              </Link>
            ))}
          </nav>
        </header>
        <main id="main" className="flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
