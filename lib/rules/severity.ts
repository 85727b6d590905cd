import type { RiskLevel } from "../db/generated/enums.ts";

/** Risk levels, least to most severe: the one order for severity, likelihood and materiality. */
export const RISK_LEVELS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const satisfies readonly RiskLevel[];

/** How severe a level is: 0 (LOW) to 3 (CRITICAL). */
export const severityRank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

/** Whether `level` is `threshold` or more severe. */
export const atLeast = (level: RiskLevel, threshold: RiskLevel): boolean => severityRank(level) >= severityRank(threshold);

/** The most severe of some levels (LOW for none). */
export const mostSevere = (levels: readonly RiskLevel[]): RiskLevel => levels.reduce<RiskLevel>((worst, l) => (severityRank(l) > severityRank(worst) ? l : worst), "LOW");
