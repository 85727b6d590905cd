import Link from "next/link";
import { MobileNav } from "./mobile-nav";
import { NavLink } from "./nav-link";
import { AccountLink, SignOutButton } from "./sign-out-button";

export interface NavItem {
  href: string;
  label: string;
  count?: number;
}

function Brand({ compact }: { compact?: boolean }) {
  return (
    <Link href="/handoffs" className="flex items-center gap-2">
      <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white" aria-hidden="true">
        H
      </span>
      <span className="text-sm font-semibold leading-tight text-slate-900">
        Handoff
        {compact ? " " : <br />}
        Control Center
      </span>
    </Link>
  );
}

/**
 * The frame of every signed-in page. From the md breakpoint the navigation is a sidebar
 * that stays in view while the page scrolls; below it, a top bar with a Menu button.
 */
export function AppShell({ nav, user, children }: { nav: NavItem[]; user: { name: string; role: string }; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white md:flex">
        <div className="px-5 py-4">
          <Brand />
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 overflow-y-auto px-3 py-2">
          {nav.map((item) => (
            <NavLink key={item.href} {...item} />
          ))}
        </nav>
        <section aria-label="Signed in" className="border-t border-slate-200 px-5 py-4">
          <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
          <p className="text-xs text-slate-600">{user.role}</p>
          <div className="flex items-center gap-4">
            <AccountLink />
            <SignOutButton />
          </div>
        </section>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2.5 md:hidden">
          <Brand compact />
          <MobileNav nav={nav} user={user} />
        </header>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
