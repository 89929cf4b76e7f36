import { insufficientData, methodRef } from './methods.js';
import type { InsufficientData, MethodRef } from './types.js';

export interface EuSupplyRiskInput {
  /** HHI_WGI,t of global supply (0–10). */
  globalHhiWgi: number;
  /** HHI_WGI,t of actual EU sourcing; null when sourcing data are unavailable. */
  euSourcingHhiWgi: number | null;
  /** EU import reliance, 0–1. */
  importReliance: number;
  /** End-of-life recycling input rate, 0–1. */
  endOfLifeRecyclingInputRate: number;
  /** Substitution index for supply risk (≤ 1). */
  substitutionIndex: number;
}

export interface EuSupplyRiskOk {
  status: 'ok';
  supplyRisk: number;
  breakdown: {
    /** Import reliance after the EU rules: negatives count as 0, values above 1 as 1. */
    importRelianceUsed: number;
    globalComponent: number;
    euComponent: number;
    weightGlobal: number;
    weightEu: number;
    recyclingFactor: number;
    substitutionFactor: number;
    scope: 'GS+EU' | 'GS only';
  };
  criticalThreshold: 1.0;
  /** True when the score is at or above the threshold (the EU criticality zone includes 1.0). */
  aboveThreshold: boolean;
  method: MethodRef;
}

export type EuSupplyRiskResult = EuSupplyRiskOk | InsufficientData;

const CRITICAL_SUPPLY_RISK = 1.0;

export function euSupplyRisk(input: EuSupplyRiskInput): EuSupplyRiskResult {
  const required = [input.globalHhiWgi, input.importReliance, input.endOfLifeRecyclingInputRate, input.substitutionIndex];
  if (!required.every(Number.isFinite) || (input.euSourcingHhiWgi !== null && !Number.isFinite(input.euSourcingHhiWgi))) {
    return insufficientData('eu-supply-risk', 'a supply-risk input is not a finite number');
  }

  // The EU sets negative reliance to 0; at full reliance the two supply views weigh half each.
  const importRelianceUsed = Math.min(1, Math.max(0, input.importReliance));
  const euSourcing = input.euSourcingHhiWgi;
  const hasEuSourcing = euSourcing !== null;
  // Without EU sourcing data the EU falls back to global supply alone.
  const weightGlobal = hasEuSourcing ? importRelianceUsed / 2 : 1;
  const weightEu = hasEuSourcing ? 1 - importRelianceUsed / 2 : 0;
  const globalComponent = input.globalHhiWgi * weightGlobal;
  const euComponent = euSourcing === null ? 0 : euSourcing * weightEu;
  const recyclingFactor = 1 - input.endOfLifeRecyclingInputRate;
  const substitutionFactor = input.substitutionIndex;
  const supplyRisk = (globalComponent + euComponent) * recyclingFactor * substitutionFactor;

  return {
    status: 'ok',
    supplyRisk,
    breakdown: {
      importRelianceUsed,
      globalComponent,
      euComponent,
      weightGlobal,
      weightEu,
      recyclingFactor,
      substitutionFactor,
      scope: hasEuSourcing ? 'GS+EU' : 'GS only',
    },
    criticalThreshold: CRITICAL_SUPPLY_RISK,
    aboveThreshold: supplyRisk >= CRITICAL_SUPPLY_RISK,
    method: methodRef('eu-supply-risk'),
  };
}
