import { cx } from "./cx";
import { ChevronDownIcon } from "./icons";

const cardClass = "rounded-lg border border-slate-200 bg-white shadow-sm";

export function Card({ children, className, ...props }: React.HTMLAttributes<HTMLElement>) {
  return (
    <section className={cx(cardClass, className)} {...props}>
      {children}
    </section>
  );
}

export function CardHeader({ title, description, actions, id }: { title: string; description?: React.ReactNode; actions?: React.ReactNode; id?: string }) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-slate-100 px-5 py-3.5">
      <div className="min-w-0">
        <h2 id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-xs text-slate-600">{description}</p>}
      </div>
      {actions}
    </header>
  );
}

/**
 * A card whose body folds away under its heading (native details/summary: keyboard and
 * screen-reader support for free). The summary line carries a short description, such as a
 * count, so a folded card still says what it holds. Actions belong in the body, never in
 * the summary, which is itself the toggle.
 */
export function CollapsibleCard({
  id,
  title,
  description,
  defaultOpen = false,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  defaultOpen?: boolean;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={id} className={cx(cardClass, className)}>
      <details open={defaultOpen} className="group">
        <summary className="flex cursor-pointer list-none items-start justify-between gap-4 rounded-lg px-5 py-3.5 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
          <span className="min-w-0">
            <h2 id={id} className="text-sm font-semibold text-slate-900">
              {title}
            </h2>
            {description && <span className="mt-0.5 block text-xs text-slate-600">{description}</span>}
          </span>
          <ChevronDownIcon className="mt-0.5 text-slate-600 transition-transform group-open:rotate-180" />
        </summary>
        <div className="border-t border-slate-100">{children}</div>
      </details>
    </section>
  );
}

/**
 * What an empty list means and what to do next. The icon, when given, says what kind of
 * emptiness this is (nothing to do, nothing matches); without one, none is drawn.
 */
export function EmptyState({ title, icon, children, action }: { title: string; icon?: React.ReactNode; children?: React.ReactNode; action?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center px-6 py-12 text-center">
      {icon && <div className="mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-brand-50 text-brand-700">{icon}</div>}
      <p className="text-sm font-medium text-slate-900">{title}</p>
      {children && <p className="mt-1 max-w-md text-sm text-slate-600">{children}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return <div className={cx("animate-pulse rounded bg-slate-200/70", className)} aria-hidden="true" />;
}
