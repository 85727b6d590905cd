import { cx } from "./cx";

/**
 * A message about what just happened. Errors are alerts, the rest statuses, so assistive
 * technology announces them; with a ref the message can also take focus (tabIndex -1) once
 * an action completes, instead of focus falling back to the page.
 */
export function Alert({
  tone = "error",
  title,
  children,
  className,
  ref,
}: {
  tone?: "error" | "warning" | "info" | "success";
  title?: string;
  children?: React.ReactNode;
  className?: string;
  ref?: React.Ref<HTMLDivElement>;
}) {
  const styles = {
    error: "border-red-200 bg-red-50 text-red-800",
    warning: "border-amber-200 bg-amber-50 text-amber-900",
    info: "border-blue-200 bg-blue-50 text-blue-900",
    success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  }[tone];
  return (
    <div ref={ref} tabIndex={ref ? -1 : undefined} role={tone === "error" ? "alert" : "status"} className={cx("rounded-md border px-4 py-3 text-sm", styles, className)}>
      {title && <p className="font-medium">{title}</p>}
      {children && <div className={title ? "mt-1" : undefined}>{children}</div>}
    </div>
  );
}
