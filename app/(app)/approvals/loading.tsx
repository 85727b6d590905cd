import { Skeleton } from "@/components/ui/card";

export default function Loading() {
  return (
    <div className="mx-auto max-w-4xl" role="status" aria-busy="true" aria-label="Loading approvals">
      <Skeleton className="mb-2 h-7 w-40" />
      <Skeleton className="mb-6 h-4 w-full max-w-96" />
      {Array.from({ length: 3 }, (_, i) => (
        <Skeleton key={i} className="mb-4 h-44 w-full" />
      ))}
    </div>
  );
}
