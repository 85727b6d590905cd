import { cx } from "./cx";

/**
 * A table wider than its card scrolls sideways inside the card, never the page. The scroller
 * takes keyboard focus (arrow keys scroll it) for tables without links or buttons of their own.
 */
export function TableScroll({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div role="group" aria-label={label} tabIndex={0} className={cx("relative overflow-x-auto focus-visible:outline-offset-[-2px]", className)}>
      {children}
    </div>
  );
}
