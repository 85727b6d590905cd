import { Skeleton } from "@/components/ui/card";

export default function Loading() {
  return (
    <div className="mx-auto max-w-7xl" role="status" aria-busy="true" aria-label="Loading handoffs">
      <Skeleton className="mb-2 h-7 w-48" />
      <Skeleton className="mb-6 h-4 w-full max-w-96" />
      <Skeleton className="mb-3 h-10 w-full" />
      {Array.from({ length: 10 }, (_, i) => (
        <Skeleton key={i} className="mb-2 h-11 w-full" />
      ))}
    </div>
  );
}
