import { Skeleton } from "@/components/ui/card";

export default function Loading() {
  return (
    <div className="mx-auto max-w-7xl space-y-6" role="status" aria-busy="true" aria-label="Loading handoff">
      <div>
        <Skeleton className="mb-3 h-4 w-28" />
        <Skeleton className="mb-2 h-7 w-2/3" />
        <Skeleton className="h-4 w-full max-w-64" />
      </div>
      <div className="grid grid-cols-3 gap-2 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
        <Skeleton className="h-80" />
        <Skeleton className="h-80" />
      </div>
    </div>
  );
}
